/**
 * A template as Graph lists it (whatsapp-protocol.md §1.3) → our Template shape. Nothing Meta
 * lists is dropped: unknown statuses are kept unsendable, unknown header formats and button types
 * keep their place and their word (button indexes matter for sends), components we do not know
 * (CAROUSEL, LIMITED_TIME_OFFER...) are kept raw as OTHER, legacy categories are kept as
 * `providerCategory`; whether all that can be sent is decided in one place
 * (shared/domain/template-params.ts `templateSendability`). Examples become per-parameter-key
 * values for previews.
 */
import { TemplateStatus, type TemplateButton, type TemplateComponent } from '../../../../shared/api/templates';
import { mapCategory, mapQuality } from '../template-words';
import type { ProviderTemplate } from '../types';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

// Category and quality words are read the same way for Zenvia's templates.
export { mapCategory, mapQuality };

function button(raw: unknown): TemplateButton {
  const b = obj(raw) ?? {};
  const type = str(b.type)?.toUpperCase() || 'UNKNOWN';
  const example = arr(b.example)[0] ?? b.example;
  return {
    type,
    text: str(b.text) ?? '',
    ...(str(b.url) ? { url: str(b.url) } : {}),
    ...(str(b.phone_number) ? { phoneNumber: str(b.phone_number) } : {}),
    ...(str(b.otp_type) ? { otpType: str(b.otp_type)!.toUpperCase() } : {}),
    ...(str(example) ? { example: str(example) } : {}),
  };
}

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
    if (!c) continue;
    const type = str(c.type)?.toUpperCase() ?? 'UNKNOWN';
    const example = obj(c.example);
    if (type === 'HEADER') {
      const format = str(c.format)?.toUpperCase() ?? 'TEXT';
      out.push({ type: 'HEADER', format, ...(str(c.text) !== undefined ? { text: str(c.text) } : {}) });
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
      const buttons = arr(c.buttons).map(button);
      buttons.forEach((b, index) => {
        // A URL button's example is the whole example URL; the suffix is what differs from the base.
        if (b.type === 'URL' && b.example && b.url?.includes('{{')) {
          const base = b.url.slice(0, b.url.indexOf('{{'));
          examples[`button.${index}`] = b.example.startsWith(base) ? b.example.slice(base.length) : b.example;
        } else if (b.type === 'COPY_CODE' && b.example) examples[`button.${index}`] = b.example;
      });
      out.push({ type: 'BUTTONS', buttons });
    } else {
      out.push({ type: 'OTHER', kind: type, raw: c });
    }
  }
  return out;
}

/** Null only when the item cannot be a template at all (no id, name, language or category). */
export function fromGraphTemplate(raw: unknown): ProviderTemplate | null {
  const t = obj(raw);
  const providerId = str(t?.id);
  const name = str(t?.name);
  const language = str(t?.language);
  const category = mapCategory(str(t?.category));
  if (!t || !providerId || !name || !language || !category) return null;
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
    category: category.category,
    providerCategory: category.providerCategory,
    status,
    quality: mapQuality(t.quality_score),
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
