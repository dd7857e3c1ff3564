/**
 * Template parameters (keys of shared/domain/template-params.ts) → the `components` of a Graph
 * template send (whatsapp-protocol.md §1.2). Positional templates send values in placeholder
 * order; named ones add `parameter_name`. URL buttons get their suffix by button index; an
 * authentication template's one-time-password button repeats the code (the body's value).
 */
import type { Template } from '../../../../shared/api/templates';
import { templateParameters } from '../../../../shared/domain/template-params';

interface TextParameter {
  type: 'text';
  text: string;
  parameter_name?: string;
}

export type GraphSendComponent =
  | { type: 'header' | 'body'; parameters: TextParameter[] }
  | { type: 'button'; sub_type: 'url'; index: string; parameters: TextParameter[] };

export function sendComponents(
  template: Pick<Template, 'components' | 'examples' | 'parameterFormat' | 'category'>,
  values: Readonly<Record<string, string>>,
): GraphSendComponent[] {
  const named = template.parameterFormat === 'NAMED';
  const params = templateParameters(template);
  const value = (key: string) => values[key] ?? '';
  const text = (key: string, name: string): TextParameter =>
    named ? { type: 'text', parameter_name: name, text: value(key) } : { type: 'text', text: value(key) };

  const components: GraphSendComponent[] = [];
  const header = params.filter((p) => p.source === 'header');
  if (header.length) components.push({ type: 'header', parameters: header.map((p) => text(p.key, p.name)) });
  const body = params.filter((p) => p.source === 'body');
  if (body.length) components.push({ type: 'body', parameters: body.map((p) => text(p.key, p.name)) });
  for (const p of params.filter((q) => q.source === 'button')) {
    components.push({ type: 'button', sub_type: 'url', index: p.name, parameters: [{ type: 'text', text: value(p.key) }] });
  }
  // One-time-password buttons (copy code, one tap) carry the code itself.
  const code = body[0] ? value(body[0].key) : '';
  for (const component of template.components) {
    if (component.type !== 'BUTTONS') continue;
    component.buttons.forEach((button, index) => {
      if (code && (button.type === 'OTP' || (button.type === 'COPY_CODE' && template.category === 'AUTHENTICATION'))) {
        components.push({ type: 'button', sub_type: 'url', index: String(index), parameters: [{ type: 'text', text: code }] });
      }
    });
  }
  return components;
}
