/**
 * A template as Zenvia lists it (`GET /v2/templates`, whatsapp-protocol.md §2.3) → our Template
 * shape, the same component model as Meta's (template-map of the Meta provider): the `header`
 * (MEDIA_IMAGE / MEDIA_VIDEO / MEDIA_DOCUMENT / TEXT_*), `body`, `footer`, `buttons` (URL, phone,
 * quick reply and opt-out, copy code...) and `otp` (a one-time-code button) objects become HEADER,
 * BODY, FOOTER and BUTTONS; a carousel and anything unknown are kept as OTHER, so the one rule
 * (shared/domain/template-params.ts `templateSendability`) marks them not sendable with the reason.
 * Variables are always named (`parameterFormat: NAMED`); a variable Zenvia lists in `fields` that no
 * input of ours fills makes the template not sendable, saying which. `locale` is the language.
 */
import type { Template, TemplateButton, TemplateComponent } from '../../../../shared/api/templates';
import { templateParameters } from '../../../../shared/domain/template-params';
import { mapCategory, mapQuality } from '../template-words';
import type { ProviderTemplate } from '../types';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

/** Keys of `fields` with a meaning of their own (content.template): header media, a one-time code, a coupon code. */
export const MEDIA_FIELD = { IMAGE: 'imageUrl', VIDEO: 'videoUrl', DOCUMENT: 'documentUrl' } as const;
export const TOKEN_FIELD = 'token';
export const COUPON_FIELD = 'code';

const HEADER_FORMATS: Record<string, string> = { MEDIA_IMAGE: 'IMAGE', MEDIA_VIDEO: 'VIDEO', MEDIA_DOCUMENT: 'DOCUMENT', TEXT_FIXED: 'TEXT', TEXT_TEMPLATE: 'TEXT' };

/** Zenvia's statuses (§2.3) → ours, with the sentence administrators read for those not sendable. */
const STATUSES: Record<string, { status: Template['status']; reason: string | null }> = {
  APPROVED: { status: 'APPROVED', reason: null },
  WAITING_REVIEW: { status: 'PENDING', reason: 'Waiting for Zenvia to review it (WAITING_REVIEW).' },
  WAITING_APPROVAL: { status: 'PENDING', reason: 'Waiting for WhatsApp to approve it (WAITING_APPROVAL).' },
  REJECTED: { status: 'REJECTED', reason: 'Rejected.' },
  PAUSED: { status: 'PAUSED', reason: 'Paused by WhatsApp for its quality.' },
  DISABLED: { status: 'DISABLED', reason: 'Disabled by WhatsApp.' },
};

export function mapStatus(raw: string | undefined): { status: Template['status']; reason: string | null } {
  const known = STATUSES[raw?.toUpperCase() ?? ''];
  return known ?? { status: 'PENDING', reason: `Zenvia reports status ${raw ?? '(none)'}, which this version does not know: not sendable.` };
}

/** `camelCase` component keys (`limitedTimeOffer`) as our OTHER kinds (`LIMITED_TIME_OFFER`). */
const kindOf = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

function button(raw: unknown): TemplateButton {
  const b = obj(raw) ?? {};
  const type = str(b.type)?.toUpperCase() || 'UNKNOWN';
  const text = str(b.text) ?? '';
  // OPT_OUT is the marketing "stop" quick reply: Meta lists it as a QUICK_REPLY button, and so do we.
  if (type === 'OPT_OUT') return { type: 'QUICK_REPLY', text };
  return {
    type,
    text,
    ...(str(b.url) ? { url: str(b.url) } : {}),
    ...(str(b.phoneNumber) ? { phoneNumber: str(b.phoneNumber) } : {}),
  };
}

function components(raw: Raw, category: Template['category'], preview: string | undefined, fields: string[]): TemplateComponent[] {
  const out: TemplateComponent[] = [];
  const header = obj(raw.header);
  if (header) {
    const type = str(header.type)?.toUpperCase() ?? 'TEXT_FIXED';
    const format = HEADER_FORMATS[type] ?? type;
    out.push({ type: 'HEADER', format, ...(format === 'TEXT' ? { text: str(header.text) ?? '' } : {}) });
  }
  const body = obj(raw.body);
  if (body) out.push({ type: 'BODY', text: str(body.text) ?? '' });
  // An authentication template may have no body: Zenvia's read-only preview of it stands in, when
  // every variable in it is one Zenvia lists (a send never fills a variable Zenvia does not know).
  else if (preview && !header && !raw.footer && [...preview.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].every((m) => fields.includes(m[1]!))) {
    out.push({ type: 'BODY', text: preview });
  }
  const footer = obj(raw.footer);
  if (footer) out.push({ type: 'FOOTER', text: str(footer.text) ?? '' });
  const buttons = arr(obj(raw.buttons)?.items).map(button);
  const otp = obj(raw.otp);
  if (otp) {
    buttons.push({ type: 'OTP', text: str(otp.copyButtonText) ?? '', otpType: str(otp.type)?.toUpperCase() ?? 'COPY_CODE' });
  } else if (category === 'AUTHENTICATION' && !buttons.some((b) => b.type === 'COPY_CODE')) {
    // Zenvia requires `token` for every authentication template, OTP component listed or not.
    buttons.push({ type: 'OTP', text: '', otpType: 'COPY_CODE' });
  }
  if (buttons.length) out.push({ type: 'BUTTONS', buttons });
  for (const [key, value] of Object.entries(raw)) {
    if (['header', 'body', 'footer', 'buttons', 'otp'].includes(key) || value === undefined || value === null) continue;
    out.push({ type: 'OTHER', kind: kindOf(key), raw: obj(value) ?? { value } });
  }
  return out;
}

/** The `fields` key our parameter `key` fills, given the template's components (null: none, e.g. a quick reply). */
export function fieldOf(template: Pick<Template, 'components' | 'category'>, key: string): string | null {
  const param = templateParameters({ ...template, examples: {} }).find((p) => p.key === key);
  if (!param) return null;
  if (param.source === 'header') return param.name;
  if (param.source === 'body') return param.name;
  if (param.kind === 'otp') return TOKEN_FIELD;
  if (param.kind === 'coupon') return COUPON_FIELD;
  if (param.kind === 'url') {
    const buttons = template.components.find((c) => c.type === 'BUTTONS');
    const url = buttons?.type === 'BUTTONS' ? buttons.buttons[Number(param.name)]?.url : undefined;
    return /\{\{\s*([a-z0-9_]+)\s*\}\}/.exec(url ?? '')?.[1] ?? null;
  }
  return null;
}

/** The variables Zenvia lists that no input of ours fills (header media is given as `headerMedia`). */
function unfilled(template: Pick<Template, 'components' | 'category'>, fields: string[]): string[] {
  const filled = new Set<string>(Object.values(MEDIA_FIELD));
  for (const p of templateParameters({ ...template, examples: {} })) {
    const field = fieldOf(template, p.key);
    if (field) filled.add(field);
  }
  return fields.filter((f) => !filled.has(f));
}

/** Null only when the item cannot be a template at all (no id, name, locale or category), or is another sender's or channel's. */
export function fromZenviaTemplate(raw: unknown, senderId: string): ProviderTemplate | null {
  const t = obj(raw);
  const providerId = str(t?.id);
  const name = str(t?.name);
  const language = str(t?.locale)?.replace(/-/g, '_');
  const category = mapCategory(str(t?.category));
  if (!t || !providerId || !name || !language || !category) return null;
  if (str(t.channel) && str(t.channel)!.toUpperCase() !== 'WHATSAPP') return null;
  if (str(t.senderId) && str(t.senderId)!.replace(/\D/g, '') !== senderId) return null;
  const fields = arr(t.fields).flatMap((f) => str(f) ?? []);
  const mapped = components(obj(t.components) ?? {}, category.category, str(t.text), fields);
  const missing = unfilled({ components: mapped, category: category.category }, fields);
  if (missing.length) {
    mapped.push({
      type: 'OTHER', kind: 'FIELDS',
      raw: { fields: missing, reason: `Zenvia lists variables ZapDesk has no input for (${missing.join(', ')}): it cannot be sent from ZapDesk.` },
    });
  }
  // Examples by variable name → by our parameter keys, for previews.
  const given = obj(t.examples) ?? {};
  const examples: Record<string, string> = {};
  for (const p of templateParameters({ components: mapped, category: category.category, examples: {} })) {
    const field = fieldOf({ components: mapped, category: category.category }, p.key);
    const example = field ? str(given[field]) : undefined;
    if (example) examples[p.key] = example;
  }
  const { status, reason } = mapStatus(str(t.status));
  const comments = arr(t.comments).flatMap((c) => {
    const comment = obj(c);
    return str(comment?.text) && str(comment?.role) !== 'REQUESTER' ? [str(comment!.text)!] : [];
  });
  return {
    providerId,
    name,
    language,
    category: category.category,
    providerCategory: category.providerCategory,
    status,
    quality: mapQuality(t.qualityScore),
    statusReason: status === 'APPROVED' ? null : [reason, ...comments].filter(Boolean).join(' ').slice(0, 1000) || null,
    parameterFormat: 'NAMED',
    components: mapped,
    examples,
  };
}
