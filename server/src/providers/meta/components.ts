/**
 * Template parameters (keys of shared/domain/template-params.ts) and the header's media or place
 * → the `components` of a Graph template send (whatsapp-protocol.md §1.2, §1.8). Positional
 * templates send values in placeholder order; named ones add `parameter_name`. Header: text
 * values, or `{type:'image'|'video'|'document', <type>: {link}|{id}}`, or `{type:'location',
 * location}`. Buttons by index: a URL button's dynamic suffix, a copy-code button's
 * `coupon_code`, a quick reply's payload (when one is given); an authentication template's
 * one-time-code button repeats the code (the body's value unless given) as a `url` button, as Meta
 * documents for copy-code and one-tap authentication buttons.
 */
import type { Location } from '../../../../shared/api/schemas';
import type { Template } from '../../../../shared/api/templates';
import { headerNeed, resolveParameters, templateParameters } from '../../../../shared/domain/template-params';
import type { GraphMedia } from '../types';

interface TextParameter {
  type: 'text';
  text: string;
  parameter_name?: string;
}

type MediaParameter =
  | { type: 'image'; image: GraphMedia }
  | { type: 'video'; video: GraphMedia }
  | { type: 'document'; document: GraphMedia };

interface LocationParameter {
  type: 'location';
  location: { latitude: number; longitude: number; name?: string; address?: string };
}

export type GraphSendComponent =
  | { type: 'header'; parameters: (TextParameter | MediaParameter | LocationParameter)[] }
  | { type: 'body'; parameters: TextParameter[] }
  | { type: 'button'; sub_type: 'url'; index: string; parameters: TextParameter[] }
  | { type: 'button'; sub_type: 'copy_code'; index: string; parameters: { type: 'coupon_code'; coupon_code: string }[] }
  | { type: 'button'; sub_type: 'quick_reply'; index: string; parameters: { type: 'payload'; payload: string }[] };

export interface HeaderValues {
  headerMedia?: GraphMedia;
  headerLocation?: Location;
}

function mediaParameter(format: 'IMAGE' | 'VIDEO' | 'DOCUMENT', media: GraphMedia): MediaParameter {
  const object = 'link' in media ? { link: media.link } : { id: media.id };
  if (format === 'IMAGE') return { type: 'image', image: object };
  if (format === 'VIDEO') return { type: 'video', video: object };
  return { type: 'document', document: object };
}

function locationParameter(location: Location): LocationParameter {
  return {
    type: 'location',
    location: {
      latitude: location.latitude,
      longitude: location.longitude,
      ...(location.name ? { name: location.name } : {}),
      ...(location.address ? { address: location.address } : {}),
    },
  };
}

export function sendComponents(
  template: Pick<Template, 'components' | 'examples' | 'parameterFormat' | 'category'>,
  values: Readonly<Record<string, string>>,
  header: HeaderValues = {},
): GraphSendComponent[] {
  const named = template.parameterFormat === 'NAMED';
  const params = templateParameters(template);
  const resolved = resolveParameters(template, values);
  const value = (key: string) => resolved[key] ?? '';
  const text = (key: string, name: string): TextParameter =>
    named ? { type: 'text', parameter_name: name, text: value(key) } : { type: 'text', text: value(key) };

  const components: GraphSendComponent[] = [];
  const need = headerNeed(template);
  if (need?.kind === 'media' && header.headerMedia) {
    components.push({ type: 'header', parameters: [mediaParameter(need.format, header.headerMedia)] });
  } else if (need?.kind === 'location' && header.headerLocation) {
    components.push({ type: 'header', parameters: [locationParameter(header.headerLocation)] });
  } else {
    const headerText = params.filter((p) => p.source === 'header');
    if (headerText.length) components.push({ type: 'header', parameters: headerText.map((p) => text(p.key, p.name)) });
  }
  const body = params.filter((p) => p.source === 'body');
  if (body.length) components.push({ type: 'body', parameters: body.map((p) => text(p.key, p.name)) });
  for (const p of params.filter((q) => q.source === 'button')) {
    const given = value(p.key);
    if (p.kind === 'url' || (p.kind === 'otp' && given)) {
      components.push({ type: 'button', sub_type: 'url', index: p.name, parameters: [{ type: 'text', text: given }] });
    } else if (p.kind === 'coupon') {
      components.push({ type: 'button', sub_type: 'copy_code', index: p.name, parameters: [{ type: 'coupon_code', coupon_code: given }] });
    } else if (p.kind === 'payload' && given) {
      components.push({ type: 'button', sub_type: 'quick_reply', index: p.name, parameters: [{ type: 'payload', payload: given }] });
    }
  }
  return components;
}
