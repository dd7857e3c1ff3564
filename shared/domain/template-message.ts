import type { Template } from '../api/templates';

export interface TemplateMessageParts {
  /** Header and body, as sent. */
  main: string;
  footer: string | null;
  /** The buttons' labels, as the customer sees them under the message. */
  buttons: string[];
}

/**
 * A sent template's text (renderTemplate: one line per component) split back into what the
 * customer sees as separate parts: the footer and the buttons are not body text. Without the
 * template (deleted, not loaded yet) the text stays whole.
 */
export function templateMessageParts(text: string, template: Pick<Template, 'components'> | null | undefined): TemplateMessageParts {
  const whole = { main: text, footer: null, buttons: [] };
  if (!template) return whole;
  const lines = text.split('\n');
  const buttons = template.components.find((c) => c.type === 'BUTTONS');
  const footer = template.components.find((c) => c.type === 'FOOTER');
  const labels = buttons?.type === 'BUTTONS' ? buttons.buttons.map((b) => b.text) : [];
  if (labels.length > 0) {
    const last = lines[lines.length - 1] ?? '';
    // The buttons' line starts with the first label in brackets (a code button's also carries its code).
    if (!last.startsWith(`[${labels[0]!}`)) return whole;
    lines.pop();
  }
  let footerText: string | null = null;
  if (footer?.type === 'FOOTER' && lines[lines.length - 1] === footer.text) footerText = lines.pop()!;
  return { main: lines.join('\n'), footer: footerText, buttons: labels };
}
