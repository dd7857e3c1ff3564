/**
 * A template as Graph lists it (whatsapp-protocol.md §1.3) → our Template shape. Unknown
 * statuses are kept unsendable, unknown button types keep their place (button indexes matter
 * for sends), and examples become per-parameter-key values for previews.
 */
import { TemplateCategory, TemplateStatus, type TemplateComponent } from '../../../../shared/api/templates';
import type { ProviderTemplate } from '../types';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

const BUTTON_TYPES = new Set(['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW', 'OTP']);
const HEADER_FORMATS = new Set(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION']);

/** Meta writes `en_US` when listing and sometimes `en-US` in webhooks. */
export const normalizeLanguage = (language: string) => language.replace(/-/g, '_');

/** Meta's status words (GET field and webhook events) → ours; anything unknown is not sendable. */
export function mapStatus(raw: string): { status: ProviderTemplate['status']; known: boolean } {
  const upper = raw.toUpperCase();
  if (upper === 'REINSTATED' || upper === 'UNPAUSED') return { status: 'APPROVED', known: true };
  const parsed = TemplateStatus.safeParse(upper);
  return parsed.success ? { status: parsed.data, known: true } : { status: 'PENDING', known: false };
}

function components(raw: unknown[], examples: Record<string, string>): TemplateComponent[] {
  const out: TemplateComponent[] = [];
  for (const item of raw) {
    const c = obj(item);
    const type = str(c?.type)?.toUpperCase();
    const example = obj(c?.example);
    if (!c) continue;
    if (type === 'HEADER') {
      const format = str(c.format)?.toUpperCase() ?? 'TEXT';
      if (!HEADER_FORMATS.has(format)) continue;
      out.push({ type: 'HEADER', format: format as 'TEXT', text: str(c.text) });
      arr(example?.header_text).forEach((v, i) => typeof v === 'string' && (examples[`header.${i + 1}`] = v));
      for (const p of arr(example?.header_text_named_params)) {
        const named = obj(p);
        if (str(named?.param_name) && str(named?.example)) examples[`header.${str(named!.param_name)}`] = str(named!.example)!;
      }
    } else if (type === 'BODY') {
      out.push({ type: 'BODY', text: str(c.text) ?? '' });
      arr(arr(example?.body_text)[0]).forEach((v, i) => typeof v === 'string' && (examples[String(i + 1)] = v));
      for (const p of arr(example?.body_text_named_params)) {
        const named = obj(p);
        if (str(named?.param_name) && str(named?.example)) examples[str(named!.param_name)!] = str(named!.example)!;
      }
    } else if (type === 'FOOTER') {
      out.push({ type: 'FOOTER', text: str(c.text) ?? '' });
    } else if (type === 'BUTTONS') {
      const buttons = arr(c.buttons).map((b) => {
        const button = obj(b) ?? {};
        const kind = str(button.type)?.toUpperCase() ?? 'QUICK_REPLY';
        return {
          type: (BUTTON_TYPES.has(kind) ? kind : 'QUICK_REPLY') as 'QUICK_REPLY',
          text: str(button.text) ?? '',
          ...(str(button.url) ? { url: str(button.url) } : {}),
          ...(str(button.phone_number) ? { phoneNumber: str(button.phone_number) } : {}),
        };
      });
      out.push({ type: 'BUTTONS', buttons });
    }
  }
  return out;
}

/** Null when the item cannot be one of our templates (no id, name or language, unknown category). */
export function fromGraphTemplate(raw: unknown): ProviderTemplate | null {
  const t = obj(raw);
  const providerId = str(t?.id);
  const name = str(t?.name);
  const language = str(t?.language);
  const category = TemplateCategory.safeParse(str(t?.category)?.toUpperCase());
  if (!t || !providerId || !name || !language || !category.success) return null;
  const examples: Record<string, string> = {};
  const mapped = components(arr(t.components), examples);
  const format = str(t.parameter_format)?.toUpperCase();
  const bodyText = mapped.find((c) => c.type === 'BODY')?.text ?? '';
  const inferredNamed = /\{\{\s*[a-z_][a-z0-9_]*\s*\}\}/.test(bodyText);
  const { status, known } = mapStatus(str(t.status) ?? 'PENDING');
  const rejected = str(t.rejected_reason);
  return {
    providerId,
    name,
    language: normalizeLanguage(language),
    category: category.data,
    status,
    statusReason: !known
      ? `WhatsApp reports status ${str(t.status)}, which this version does not know: not sendable.`
      : status === 'REJECTED' && rejected && rejected !== 'NONE'
        ? `Rejected by WhatsApp: ${rejected}.`
        : null,
    parameterFormat: format === 'NAMED' || (!format && inferredNamed) ? 'NAMED' : 'POSITIONAL',
    components: mapped,
    examples,
  };
}
