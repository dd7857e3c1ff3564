/**
 * The template fields of Meta webhooks (whatsapp-protocol.md §1.3, §1.4) → webhook items, applied
 * at once by template-sync.ts:
 * - `message_template_status_update`: approved, rejected, paused, disabled, flagged... (with the reason);
 * - `template_category_update`: Meta recategorised it (`new_category`; a notice with
 *   `correct_category` only announces a future change and is applied when it happens);
 * - `message_template_quality_update`: `new_quality_score` GREEN, YELLOW, RED or UNKNOWN;
 * - `message_template_components_update`: new header text (`message_template_title`), body
 *   (`message_template_element`), footer and buttons.
 * Template ids are numbers in these webhooks; parseWebhookText reads them as strings.
 */
import { createHash } from 'node:crypto';
import type { TemplateComponent } from '../../../../shared/api/templates';
import type { WebhookItem } from '../types';
import { mapCategory, mapQuality, normalizeLanguage } from './template-map';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

/** The webhook fields this module reads. */
export const TEMPLATE_WEBHOOK_FIELDS = new Set([
  'message_template_status_update',
  'template_category_update',
  'message_template_quality_update',
  'message_template_components_update',
]);

function componentsOf(value: Raw): TemplateComponent[] | undefined {
  const out: TemplateComponent[] = [];
  const title = str(value.message_template_title);
  const body = str(value.message_template_element);
  const footer = str(value.message_template_footer);
  if (title) out.push({ type: 'HEADER', format: 'TEXT', text: title });
  if (body) out.push({ type: 'BODY', text: body });
  if (footer) out.push({ type: 'FOOTER', text: footer });
  if (Array.isArray(value.message_template_buttons)) {
    const buttons = arr(value.message_template_buttons).map((raw) => {
      const b = obj(raw) ?? {};
      return {
        type: str(b.message_template_button_type)?.toUpperCase() ?? 'UNKNOWN',
        text: str(b.message_template_button_text) ?? '',
        ...(str(b.message_template_button_url) ? { url: str(b.message_template_button_url) } : {}),
        ...(str(b.message_template_button_phone_number) ? { phoneNumber: str(b.message_template_button_phone_number) } : {}),
      };
    });
    out.push({ type: 'BUTTONS', buttons });
  }
  return out.length ? out : undefined;
}

/**
 * One change of a verified delivery → items (none when the field is not about templates, the
 * account is another one, or the change names no template).
 */
export function templateWebhookItems(change: Raw, entry: Raw, account: { wabaId: string }): WebhookItem[] {
  const field = str(change.field);
  const value = obj(change.value);
  if (!field || !TEMPLATE_WEBHOOK_FIELDS.has(field) || !value) return [];
  if (str(entry.id) && str(entry.id) !== account.wabaId) return [];
  const id = str(value.message_template_id);
  if (!id) return [];
  const language = str(value.message_template_language);
  const target = { providerTemplateId: id, name: str(value.message_template_name), language: language && normalizeLanguage(language) };
  // Retries of one delivery carry the same entry time; without one, the change's content is the key.
  const when = str(entry.time) ?? createHash('sha256').update(JSON.stringify(value)).digest('hex');

  if (field === 'message_template_status_update') {
    const event = str(value.event)?.toUpperCase();
    if (!event) return [];
    const info = obj(value.rejection_info) ?? obj(value.other_info) ?? obj(value.disable_info);
    const disableDate = str(obj(value.disable_info)?.disable_date);
    const reason = [
      str(value.reason) === 'NONE' ? undefined : str(value.reason),
      str(info?.reason) ?? str(info?.title),
      str(info?.description) ?? str(info?.recommendation),
      disableDate ? `disabled from ${disableDate}` : undefined,
    ].filter(Boolean).join(': ');
    return [{ kind: 'template_status', dedupeKey: `template:${id}:${event}:${when}`, ...target, event, reason: reason || undefined }];
  }
  if (field === 'template_category_update') {
    // With `correct_category` and no `previous_category` it is a notice of a change still to come.
    const category = str(value.previous_category) || !str(value.correct_category) ? mapCategory(str(value.new_category)) : null;
    if (!category) return [];
    return [{ kind: 'template_update', dedupeKey: `template-category:${id}:${category.providerCategory ?? category.category}:${when}`, ...target, category }];
  }
  if (field === 'message_template_quality_update') {
    const quality = mapQuality(value.new_quality_score);
    if (!quality) return [];
    return [{ kind: 'template_update', dedupeKey: `template-quality:${id}:${quality}:${when}`, ...target, quality }];
  }
  const components = componentsOf(value);
  if (!components) return [];
  return [{ kind: 'template_update', dedupeKey: `template-components:${id}:${when}`, ...target, components }];
}
