/**
 * Template parameters: which values a template needs, whether given values are valid, whether
 * the template can be sent at all, and the text the customer will read. Used by the server (to
 * refuse a bad send, to mark templates) and by the picker (to label inputs, validate as the agent
 * types and preview the final text): one rule set for both.
 *
 * Parameter keys: body placeholders by their own name (`1`, `2` or `first_name`), header
 * placeholders as `header.<name>`, a button's value as `button.<index>`: the dynamic suffix of a
 * URL button, the code of a copy-code (coupon) button, the one-time code of an authentication
 * button (optional: it defaults to the body's code), the payload of a quick reply (optional).
 * Header media and location are not parameters: they travel as `headerMedia` / `headerLocation`.
 */
import type { Location } from '../api/schemas';
import { MEDIA_HEADER_FORMATS, type HeaderMedia, type MediaHeaderFormat, type Template, type TemplateComponent } from '../api/templates';

export type ParameterSource = 'header' | 'body' | 'button';

/** What a value is: placeholder text, a URL suffix, a coupon code, a one-time code, a quick-reply payload. */
export type ParameterKind = 'text' | 'url' | 'coupon' | 'otp' | 'payload';

export interface TemplateParameter {
  key: string;
  source: ParameterSource;
  kind: ParameterKind;
  /** The placeholder's own name: `1`, `first_name`; for a button, its index. */
  name: string;
  /** Longest value WhatsApp accepts for it. */
  maxLength: number;
  example?: string;
  /** May be left out: then `defaultFrom`'s value is used, or (without one) nothing is sent for it. */
  optional?: boolean;
  /** The key whose value this one takes when left out (an authentication button takes the body's code). */
  defaultFrom?: string;
}

export type ParameterProblem = 'missing' | 'unknown' | 'too_long' | 'bad_whitespace' | 'not_https';

export interface ParameterIssue {
  key: string;
  problem: ParameterProblem;
}

type TemplateShape = Pick<Template, 'components' | 'examples'> & Partial<Pick<Template, 'category'>>;

const PLACEHOLDER = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;
const HEADER_PARAM_MAX = 60;
const BODY_PARAM_MAX = 1024;
const BUTTON_PARAM_MAX = 2000;
/** WhatsApp's limit for a coupon code and for a one-time password. */
const CODE_MAX = 15;
const PAYLOAD_MAX = 256;

function placeholdersIn(text: string | undefined): string[] {
  if (!text) return [];
  const names: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function byPosition(a: string, b: string): number {
  const [na, nb] = [Number(a), Number(b)];
  return Number.isInteger(na) && Number.isInteger(nb) ? na - nb : 0;
}

/** The parameters a template takes, in the order the agent should fill them (optional ones included, flagged). */
export function templateParameters(template: TemplateShape): TemplateParameter[] {
  const params: TemplateParameter[] = [];
  const example = (key: string) => template.examples?.[key];
  for (const component of template.components) {
    if (component.type === 'HEADER' && component.format === 'TEXT') {
      for (const name of placeholdersIn(component.text).sort(byPosition)) {
        const key = `header.${name}`;
        params.push({ key, source: 'header', kind: 'text', name, maxLength: HEADER_PARAM_MAX, example: example(key) });
      }
    }
  }
  for (const component of template.components) {
    if (component.type === 'BODY') {
      for (const name of placeholdersIn(component.text).sort(byPosition)) {
        params.push({ key: name, source: 'body', kind: 'text', name, maxLength: BODY_PARAM_MAX, example: example(name) });
      }
    }
  }
  const code = params.find((p) => p.source === 'body')?.key;
  const authentication = template.category === 'AUTHENTICATION';
  for (const component of template.components) {
    if (component.type !== 'BUTTONS') continue;
    component.buttons.forEach((button, index) => {
      const key = `button.${index}`;
      const base = { key, source: 'button' as const, name: String(index) };
      if (button.type === 'URL' && placeholdersIn(button.url).length > 0) {
        params.push({ ...base, kind: 'url', maxLength: BUTTON_PARAM_MAX, example: example(key) });
      } else if (button.type === 'OTP' || (button.type === 'COPY_CODE' && authentication)) {
        // One code fills the body and the button: the button's value defaults to the body's. With no
        // code in the body (Zenvia's authentication templates may have no body) the button's is required.
        params.push({ ...base, kind: 'otp', maxLength: CODE_MAX, ...(code ? { optional: true, defaultFrom: code } : {}) });
      } else if (button.type === 'COPY_CODE') {
        params.push({ ...base, kind: 'coupon', maxLength: CODE_MAX, example: example(key) ?? button.example });
      } else if (button.type === 'QUICK_REPLY') {
        params.push({ ...base, kind: 'payload', maxLength: PAYLOAD_MAX, optional: true });
      }
    });
  }
  return params;
}

/** The values a send uses: the given ones, with optional ones left out taking their default. */
export function resolveParameters(template: TemplateShape, values: Readonly<Record<string, string>>): Record<string, string> {
  const resolved: Record<string, string> = { ...values };
  for (const param of templateParameters(template)) {
    const own = values[param.key]?.trim();
    if (!own && param.defaultFrom && values[param.defaultFrom]?.trim()) resolved[param.key] = values[param.defaultFrom]!;
  }
  return resolved;
}

/** WhatsApp refuses parameter text with new lines, tabs or more than four spaces in a row. */
function hasBadWhitespace(value: string): boolean {
  return /[\n\r\t]/.test(value) || / {5,}/.test(value);
}

/** Every problem with the given values; an empty list means the send may go ahead. */
export function validateParameters(template: TemplateShape, values: Readonly<Record<string, string>>): ParameterIssue[] {
  const params = templateParameters(template);
  const issues: ParameterIssue[] = [];
  for (const param of params) {
    const value = values[param.key];
    if (value === undefined || value.trim() === '') {
      if (!param.optional) issues.push({ key: param.key, problem: 'missing' });
    } else if (value.length > param.maxLength) issues.push({ key: param.key, problem: 'too_long' });
    else if (hasBadWhitespace(value)) issues.push({ key: param.key, problem: 'bad_whitespace' });
  }
  const known = new Set(params.map((p) => p.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) issues.push({ key, problem: 'unknown' });
  }
  return issues;
}

// ---- header media and location ------------------------------------------------------------------

/** What a template's header needs at send time: a media file of a type, a place, or nothing. */
export type HeaderNeed = { kind: 'media'; format: MediaHeaderFormat } | { kind: 'location' } | null;

export function headerNeed(template: Pick<Template, 'components'>): HeaderNeed {
  const header = template.components.find((c) => c.type === 'HEADER');
  if (!header || header.type !== 'HEADER') return null;
  if ((MEDIA_HEADER_FORMATS as readonly string[]).includes(header.format)) return { kind: 'media', format: header.format as MediaHeaderFormat };
  return header.format === 'LOCATION' ? { kind: 'location' } : null;
}

export interface HeaderInput {
  headerMedia?: HeaderMedia;
  headerLocation?: Location;
}

export interface HeaderIssue {
  path: 'headerMedia' | 'headerLocation';
  problem: ParameterProblem;
}

/**
 * A public https link WhatsApp can fetch: https, a host, no credentials, no spaces. (A pattern,
 * not the URL class: shared/ uses no runtime API that only some of our programs type.)
 */
export function isHttpsLink(link: string): boolean {
  return /^https:\/\/[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::\d{1,5})?(?:[/?#][^\s]*)?$/i.test(link.trim());
}

/**
 * Problems with the header's media or place: missing when the header needs it, unknown when it
 * takes none, a link that is not https. (Whether an attachment exists and has the header's type
 * is the server's check.)
 */
export function validateHeader(template: Pick<Template, 'components'>, input: HeaderInput): HeaderIssue[] {
  const need = headerNeed(template);
  const issues: HeaderIssue[] = [];
  if (need?.kind === 'media') {
    if (!input.headerMedia) issues.push({ path: 'headerMedia', problem: 'missing' });
    else if ('link' in input.headerMedia && !isHttpsLink(input.headerMedia.link)) issues.push({ path: 'headerMedia', problem: 'not_https' });
  } else if (input.headerMedia) issues.push({ path: 'headerMedia', problem: 'unknown' });
  if (need?.kind === 'location') {
    if (!input.headerLocation) issues.push({ path: 'headerLocation', problem: 'missing' });
  } else if (input.headerLocation) issues.push({ path: 'headerLocation', problem: 'unknown' });
  return issues;
}

// ---- sendability ---------------------------------------------------------------------------------

/** Buttons we send correctly (PHONE_NUMBER and static URL buttons need nothing at send time). */
const SENDABLE_BUTTONS = new Set(['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'OTP']);

const COMPONENT_REASONS: Record<string, string> = {
  CAROUSEL: 'Carousel templates cannot be sent from ZapDesk yet.',
  LIMITED_TIME_OFFER: 'Limited-time-offer templates cannot be sent from ZapDesk yet.',
};
const BUTTON_REASONS: Record<string, string> = {
  FLOW: 'Templates with a WhatsApp Flow button cannot be sent from ZapDesk yet.',
  CATALOG: 'Catalog templates cannot be sent from ZapDesk yet.',
  MPM: 'Multi-product templates cannot be sent from ZapDesk yet.',
  SPM: 'Single-product templates cannot be sent from ZapDesk yet.',
};

/** Why the template's content cannot be sent correctly (first reason found), or null when it can. */
export function unsupportedContent(template: Pick<Template, 'components'>): string | null {
  for (const component of template.components) {
    if (component.type === 'OTHER') {
      // A provider may say itself why (Zenvia: a variable no input fills).
      const own = typeof component.raw.reason === 'string' ? component.raw.reason : null;
      return COMPONENT_REASONS[component.kind] ?? own ?? `Templates with a ${component.kind} component cannot be sent from ZapDesk yet.`;
    }
    if (component.type === 'HEADER' && !['TEXT', 'LOCATION', ...MEDIA_HEADER_FORMATS].includes(component.format)) {
      return component.format === 'PRODUCT'
        ? 'Product templates cannot be sent from ZapDesk yet.'
        : `Templates with a ${component.format} header cannot be sent from ZapDesk yet.`;
    }
    if (component.type === 'BUTTONS') {
      for (const button of component.buttons) {
        if (!SENDABLE_BUTTONS.has(button.type)) return BUTTON_REASONS[button.type] ?? `Templates with a ${button.type} button cannot be sent from ZapDesk yet.`;
      }
    }
  }
  return null;
}

/**
 * The one rule for "can this template be sent": APPROVED, and every component one we send
 * correctly. The reason (English, for administrators) names the first obstacle.
 */
export function templateSendability(template: Pick<Template, 'components' | 'status' | 'statusReason'>): { sendable: boolean; reason: string | null } {
  const content = unsupportedContent(template);
  if (content) return { sendable: false, reason: content };
  if (template.status !== 'APPROVED') {
    return { sendable: false, reason: `WhatsApp reports it as ${template.status}${template.statusReason ? `: ${template.statusReason}` : '.'}` };
  }
  return { sendable: true, reason: null };
}

// ---- rendering -----------------------------------------------------------------------------------

export interface TextSegment {
  text: string;
  /** Set when this segment stands for a parameter. */
  key?: string;
  /** False when the parameter has no value yet (the segment then shows the placeholder). */
  filled?: boolean;
}

/** Splits a component's text into literal text and parameter segments, for a live preview. */
export function renderSegments(
  text: string,
  values: Readonly<Record<string, string>>,
  keyOf: (name: string) => string = (name) => name,
): TextSegment[] {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    const start = match.index ?? 0;
    if (start > last) segments.push({ text: text.slice(last, start) });
    const key = keyOf(match[1]!);
    const value = values[key]?.trim();
    segments.push(value ? { text: value, key, filled: true } : { text: match[0], key, filled: false });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

function renderText(text: string | undefined, values: Readonly<Record<string, string>>, keyOf?: (n: string) => string) {
  return text === undefined ? '' : renderSegments(text, values, keyOf).map((s) => s.text).join('');
}

/** A place as one line: its name and address, or its coordinates when it has neither. */
export function locationText(location: Location): string {
  const label = [location.name, location.address].map((s) => s?.trim()).filter(Boolean).join(', ');
  return label || `${location.latitude}, ${location.longitude}`;
}

function headerText(component: Extract<TemplateComponent, { type: 'HEADER' }>, values: Readonly<Record<string, string>>, header: HeaderInput): string {
  if (component.format === 'TEXT') return renderText(component.text, values, (n) => `header.${n}`);
  if (component.format === 'LOCATION') return header.headerLocation ? `[location] ${locationText(header.headerLocation)}` : '[location]';
  return `[${component.format.toLowerCase()}]`;
}

function buttonText(button: Extract<TemplateComponent, { type: 'BUTTONS' }>['buttons'][number], index: number, values: Readonly<Record<string, string>>) {
  const code = values[`button.${index}`]?.trim();
  if (button.type === 'COPY_CODE' || button.type === 'OTP') return `[${button.text || 'Copy code'}${code ? `: ${code}` : ''}]`;
  return `[${button.text}]`;
}

function componentText(component: TemplateComponent, values: Readonly<Record<string, string>>, header: HeaderInput): string {
  switch (component.type) {
    case 'HEADER':
      return headerText(component, values, header);
    case 'BODY':
      return renderText(component.text, values);
    case 'FOOTER':
      return component.text;
    case 'BUTTONS':
      return component.buttons.map((b, i) => buttonText(b, i, values)).join(' ');
    case 'OTHER':
      return `[${component.kind.toLowerCase().replace(/_/g, ' ')}]`;
  }
}

/**
 * The whole message as the customer reads it, one component per line: the header (its text, or
 * `[image]`, `[video]`, `[document]`, `[location] <name, address>`), body, footer and buttons
 * (a copy-code or one-time-code button with its code). Optional values left out take their default.
 */
export function renderTemplate(
  template: Pick<Template, 'components'> & Partial<Pick<Template, 'examples' | 'category'>>,
  values: Readonly<Record<string, string>>,
  header: HeaderInput = {},
): string {
  const resolved = resolveParameters({ examples: {}, ...template }, values);
  return template.components
    .map((component) => componentText(component, resolved, header))
    .filter((line) => line !== '')
    .join('\n');
}
