import type { Template } from '../../../../shared/api/templates';
import type { MessageKey, MessageParams } from '../../../../shared/i18n';
import { parameterMeaning, parameterWords } from '../../../../shared/domain/template-fields';
import type { TemplateParameter } from '../../../../shared/domain/template-params';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * The label of a field by what it is: an authentication code, a coupon, a link's end, what the
 * template says it is ("Customer's first name", "Order number"), its own name, its example, and
 * only when nothing tells, its number. Two fields that would read alike get their number too.
 */
export function fieldLabels(t: Translate, template: Pick<Template, 'components' | 'category'>, params: readonly TemplateParameter[]): Record<string, string> {
  const labels: Record<string, string> = {};
  const used = new Map<string, number>();
  for (const p of params) {
    const label = fieldLabel(t, template, p);
    used.set(label, (used.get(label) ?? 0) + 1);
    labels[p.key] = label;
  }
  for (const p of params) {
    if ((used.get(labels[p.key]!) ?? 0) > 1) labels[p.key] = `${labels[p.key]} (${p.name})`;
  }
  return labels;
}

function fieldLabel(t: Translate, template: Pick<Template, 'components' | 'category'>, p: TemplateParameter): string {
  if (p.source === 'body' && template.category === 'AUTHENTICATION') return t('picker.authCode');
  if (p.kind === 'coupon') return t('picker.couponCode');
  if (p.kind === 'url') {
    const buttons = template.components.find((c) => c.type === 'BUTTONS');
    const text = buttons?.type === 'BUTTONS' ? (buttons.buttons[Number(p.name)]?.text ?? '') : '';
    return t('picker.urlSuffix', { text });
  }
  const meaning = parameterMeaning(template, p);
  if (meaning) return t(`picker.field.${meaning}`);
  const words = parameterWords(p);
  if (words) return words.charAt(0).toUpperCase() + words.slice(1);
  if (p.example?.trim()) return t('picker.field.like', { example: p.example.trim() });
  return t('picker.parameter', { name: p.key });
}
