/**
 * Meta webhooks (whatsapp-protocol.md §1.4): the verification handshake, the
 * `X-Hub-Signature-256` check over the raw body, and the split of a delivery into items:
 * customer messages of every type (message-content.ts), reactions, edits, number changes,
 * marketing preferences, delivery statuses and template changes (template-webhook.ts). Whatever
 * is unknown is left out.
 */
import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { WebhookItem } from '../types';
import { inboundMessage } from './message-content';
import { TEMPLATE_WEBHOOK_FIELDS, templateWebhookItems } from './template-webhook';

/** HMAC-SHA256 of the raw bytes with the app secret (a KeyObject made once is quicker), compared in constant time. */
export function verifySignature(raw: Buffer, header: string | string[] | undefined, appSecret: string | KeyObject): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^sha256=([0-9a-f]{64})$/i.exec(value?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return timingSafeEqual(Buffer.from(match[1]!.toLowerCase(), 'hex'), expected);
}

export { sameSecret } from '../secrets';

/**
 * Parses a verified body. Template ids are numbers in these webhooks and may be larger than a
 * JavaScript number holds exactly, so they are read as strings.
 */
export function parseWebhookText(raw: string): unknown {
  // Most bodies hold none: then the text is not scanned a second time.
  return JSON.parse(raw.includes('"message_template_id"') ? raw.replace(/("message_template_id"\s*:\s*)(\d+)/g, '$1"$2"') : raw);
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

function unixMs(v: unknown): number | undefined {
  const seconds = Number(str(v));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

const STATUSES: Record<string, 'sent' | 'delivered' | 'read' | 'failed'> = {
  sent: 'sent', delivered: 'delivered', read: 'read', played: 'read', failed: 'failed',
};

export function webhookItems(payload: unknown, account: { phoneNumberId: string; wabaId: string }): WebhookItem[] {
  const body = obj(payload);
  if (!body || body.object !== 'whatsapp_business_account') return [];
  const items: WebhookItem[] = [];
  for (const e of arr(body.entry)) {
    const entry = obj(e);
    if (!entry) continue;
    const wabaOk = !str(entry.id) || str(entry.id) === account.wabaId;
    for (const c of arr(entry.changes)) {
      const change = obj(c);
      const value = obj(change?.value);
      if (!change || !value) continue;
      if (change.field === 'messages') {
        const number = str(obj(value.metadata)?.phone_number_id);
        if (number && number !== account.phoneNumberId) continue; // another business number
        const names = new Map<string, string>();
        for (const ct of arr(value.contacts)) {
          const contact = obj(ct);
          const name = str(obj(contact?.profile)?.name);
          if (str(contact?.wa_id) && name) names.set(str(contact!.wa_id)!, name);
        }
        for (const raw of arr(value.messages)) {
          const m = obj(raw);
          const id = str(m?.id);
          const from = str(m?.from);
          if (!m || !id || !from || !/^\d{6,20}$/.test(from)) continue;
          const at = unixMs(m.timestamp);
          const what = inboundMessage(m);
          if (!what) continue;
          if (what.kind === 'message') {
            items.push({
              kind: 'message', dedupeKey: `message:${id}`, providerMessageId: id, from, profileName: names.get(from), text: what.text, at,
              ...(what.content ? { content: what.content } : {}), ...(obj(m.referral) ? { entryPoint: true } : {}),
            });
          } else if (what.kind === 'reaction') {
            items.push({ kind: 'reaction', dedupeKey: `reaction:${id}`, from, targetProviderId: what.targetProviderId, emoji: what.emoji, at });
          } else if (what.kind === 'edit') {
            items.push({ kind: 'edit', dedupeKey: `edit:${id}`, from, targetProviderId: what.targetProviderId, text: what.text, at, ...(what.content ? { content: what.content } : {}) });
          } else if (what.kind === 'number_change') {
            items.push({ kind: 'number_change', dedupeKey: `number:${id}`, from, newWaId: what.newWaId, text: what.text, at });
          }
          // A deletion ('revoke') keeps what the customer sent: the conversation is the business's record.
        }
        for (const raw of arr(value.statuses)) {
          const s = obj(raw);
          const id = str(s?.id);
          const status = STATUSES[str(s?.status) ?? ''];
          if (!s || !id || !status) continue;
          const error = obj(arr(s.errors)[0]);
          const code = Number(str(error?.code));
          const pricing = obj(s.pricing);
          const [pricingType, pricingCategory] = [str(pricing?.type), str(pricing?.category)];
          items.push({
            kind: 'status', dedupeKey: `status:${id}:${status}`, providerMessageId: id, status,
            correlationId: str(s.biz_opaque_callback_data), recipient: str(s.recipient_id),
            errorCode: Number.isInteger(code) ? code : undefined,
            errorDetails: str(obj(error?.error_data)?.details) ?? str(error?.message) ?? str(error?.title),
            errorTitle: str(error?.title),
            ...(pricingType && pricingCategory ? { pricing: { type: pricingType, category: pricingCategory } } : {}),
          });
        }
      } else if (change.field === 'user_preferences') {
        const number = str(obj(value.metadata)?.phone_number_id);
        if (number && number !== account.phoneNumberId) continue;
        for (const raw of arr(value.user_preferences)) {
          const p = obj(raw);
          const waId = str(p?.wa_id);
          const choice = str(p?.value)?.toLowerCase();
          // stop: no more marketing; resume, or signup through a sign-up link: marketing welcome again.
          if (!p || !waId || !/^\d{6,20}$/.test(waId) || !/marketing/.test(str(p.category) ?? '') || !['stop', 'resume', 'signup'].includes(choice ?? '')) continue;
          items.push({ kind: 'marketing_preference', dedupeKey: `preference:${waId}:${choice}:${str(p.timestamp) ?? ''}`, waId, optedOut: choice === 'stop', at: unixMs(p.timestamp) });
        }
      } else if (TEMPLATE_WEBHOOK_FIELDS.has(String(change.field)) && wabaOk) {
        items.push(...templateWebhookItems(change, entry, account));
      }
    }
  }
  return items;
}
