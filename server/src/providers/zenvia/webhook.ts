/**
 * Zenvia webhook events (whatsapp-protocol.md §2.4; the spec's `events.message-event` and
 * `events.message-status-event`) → webhook items, in the same content model as Meta's:
 * - `MESSAGE` (direction IN, to our sender): one customer message per content: text, a quick-reply
 *   button tap (`text` with `payload`), `file` (fetched later from its `fileUrl`), location,
 *   contacts, a flow's answers, a product-list order; the contact's name from `visitor`;
 * - `MESSAGE_STATUS`: SENT, DELIVERED, READ; REJECTED and NOT_DELIVERED as failed, with the first
 *   of `causes[]`: a `channelErrorCode` that is one of Meta's is read as Meta's code (translated
 *   like the Meta path's), any other is kept in the details.
 * Whatever is unknown, for another channel or another sender is left out.
 */
import { attachmentLimitFor, type AttachmentType } from '../../../../shared/api/attachments';
import type { ContactCard, InteractiveReply, Order } from '../../../../shared/api/schemas';
import { isMetaErrorCode } from '../failures';
import type { WebhookContent, WebhookItem } from '../types';
import type { ZenviaConfig } from './config';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};
const digits = (v: unknown) => str(v)?.replace(/\D/g, '');
const isoMs = (v: unknown) => {
  const at = Date.parse(str(v) ?? '');
  return Number.isNaN(at) ? undefined : at;
};
const whatsapp = (channel: unknown) => !str(channel) || str(channel)!.toLowerCase() === 'whatsapp';

const STATUSES: Record<string, 'sent' | 'delivered' | 'read' | 'failed'> = {
  SENT: 'sent', DELIVERED: 'delivered', READ: 'read', REJECTED: 'failed', NOT_DELIVERED: 'failed',
};

/** The attachment type of a file by its MIME type (WhatsApp's kinds; anything else is a document). */
function fileType(mimeType: string): AttachmentType {
  const known = attachmentLimitFor(mimeType)?.type;
  if (known) return known;
  const family = mimeType.split('/')[0];
  return family === 'image' || family === 'video' || family === 'audio' ? family : 'document';
}

function contactCards(list: unknown): ContactCard[] {
  return arr(list).flatMap((c) => {
    const card = obj(c);
    const name = obj(card?.name);
    const full = str(name?.formattedName) ?? [str(name?.firstName), str(name?.lastName)].filter(Boolean).join(' ');
    const phones = arr(card?.phones).flatMap((p) => str(obj(p)?.phone) ?? str(obj(p)?.waId) ?? []);
    const emails = arr(card?.emails).flatMap((e) => str(obj(e)?.email) ?? []);
    if (!full && !phones.length) return [];
    return [{ name: full || phones[0]!, phones, ...(emails.length ? { emails } : {}) }];
  });
}

function order(c: Raw): Order {
  const items = arr(c.productItems).flatMap((i) => {
    const item = obj(i);
    const productId = str(item?.productId);
    if (!productId) return [];
    const price = num(item?.itemPrice);
    return [{ productId, quantity: num(item?.quantity) ?? 1, ...(price !== undefined ? { price } : {}), ...(str(item?.currency) ? { currency: str(item?.currency) } : {}) }];
  });
  const priced = items.length > 0 && items.every((i) => i.price !== undefined && i.currency) && new Set(items.map((i) => i.currency)).size === 1;
  return {
    ...(str(c.catalogId) ? { catalogId: str(c.catalogId) } : {}),
    ...(str(c.text) ? { note: str(c.text) } : {}),
    items,
    ...(priced ? { total: { amount: Math.round(items.reduce((sum, i) => sum + i.quantity * i.price!, 0) * 100) / 100, currency: items[0]!.currency! } } : {}),
  };
}

/** One content of a customer's message → its text and structured content. */
export function inboundContent(c: Raw): { text: string; content?: WebhookContent } {
  const type = str(c.type)?.toLowerCase() ?? 'unknown';
  switch (type) {
    case 'text': {
      const text = typeof c.text === 'string' ? c.text : '';
      const payload = str(c.payload);
      // A tap on a template's quick-reply button: the button's text and payload (§2.4).
      return payload ? { text, content: { kind: 'interactive', interactive: { title: text, id: payload } } } : { text };
    }
    case 'file': {
      const url = str(c.fileUrl);
      const caption = str(c.fileCaption) ?? '';
      if (!url || str(c.status) === 'REJECTED') {
        const why = str(c.reason) ? ` (Zenvia refused it: ${str(c.reason)})` : '';
        return { text: `[file]${why}${caption ? ` ${caption}` : ''}`, content: { kind: 'system' } };
      }
      const mimeType = (str(c.fileMimeType) ?? '').split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
      return {
        text: caption,
        content: { kind: 'media', attachment: { type: fileType(mimeType), mimeType, providerMediaId: url, ...(str(c.fileName) ? { fileName: str(c.fileName) } : {}) } },
      };
    }
    case 'location': {
      const latitude = num(c.latitude);
      const longitude = num(c.longitude);
      const place = latitude !== undefined && longitude !== undefined && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180
        ? { latitude, longitude, ...(str(c.name) ? { name: str(c.name) } : {}), ...(str(c.address) ? { address: str(c.address) } : {}) }
        : undefined;
      const text = [str(c.name), str(c.address)].filter(Boolean).join(', ') || (place ? `${place.latitude}, ${place.longitude}` : '[location]');
      return { text, content: place ? { kind: 'location', location: place } : undefined };
    }
    case 'contacts': {
      const cards = contactCards(c.contacts);
      return { text: cards.map((card) => card.name).join(', ') || '[contact card]', content: cards.length ? { kind: 'contacts', contacts: cards } : undefined };
    }
    case 'flow_response': {
      const answers: InteractiveReply['answers'] = Object.entries(obj(c.data) ?? {}).map(([key, value]) => ({
        question: key.replace(/_/g, ' ').replace(/^./, (ch) => ch.toUpperCase()),
        answer: typeof value === 'string' ? value : JSON.stringify(value),
      }));
      const text = answers.map((a) => `${a.question}: ${a.answer}`).join('\n') || str(c.body) || '[form answers]';
      return { text, content: { kind: 'interactive', interactive: { answers } } };
    }
    case 'product_list_order': {
      const o = order(c);
      const count = o.items.reduce((n, i) => n + i.quantity, 0);
      const text = [`Order: ${count} item${count === 1 ? '' : 's'}`, o.total ? `${o.total.amount} ${o.total.currency}` : null, o.note ?? null].filter(Boolean).join(' · ');
      return { text, content: { kind: 'order', order: o } };
    }
    default:
      return { text: '[unsupported message]', content: { kind: 'system' } };
  }
}

function messageItems(event: Raw, account: Pick<ZenviaConfig, 'senderId'>): WebhookItem[] {
  const m = obj(event.message);
  const id = str(m?.id);
  const from = digits(m?.from);
  const direction = str(m?.direction) ?? str(event.direction);
  if (!m || !id || !from || !/^\d{6,20}$/.test(from) || direction?.toUpperCase() !== 'IN') return [];
  if (!whatsapp(event.channel) || !whatsapp(m.channel)) return [];
  if (digits(m.to) && digits(m.to) !== account.senderId) return []; // another of the account's senders
  const visitor = obj(m.visitor);
  const profileName = str(visitor?.name)?.trim() || [str(visitor?.firstName), str(visitor?.lastName)].filter(Boolean).join(' ') || undefined;
  const at = isoMs(m.timestamp) ?? isoMs(event.timestamp);
  const replyTo = str(m.idRef);
  return arr(m.contents).flatMap((raw, index): WebhookItem[] => {
    const c = obj(raw);
    if (!c) return [];
    const { text, content } = inboundContent(c);
    const providerMessageId = index === 0 ? id : `${id}#${index}`;
    const withReply = replyTo ? { ...(content ?? { kind: 'text' as const }), replyTo } : content;
    return [{
      kind: 'message', dedupeKey: `message:${providerMessageId}`, providerMessageId, from, text,
      ...(profileName ? { profileName } : {}), ...(at !== undefined ? { at } : {}), ...(withReply ? { content: withReply } : {}),
    }];
  });
}

function statusItems(event: Raw, account: Pick<ZenviaConfig, 'senderId'>): WebhookItem[] {
  const m = obj(event.message) ?? {};
  const id = str(m.id) ?? str(event.messageId);
  const s = obj(event.messageStatus);
  const status = STATUSES[str(s?.code)?.toUpperCase() ?? ''];
  if (!id || !s || !status || !whatsapp(event.channel)) return [];
  if (digits(m.from) && digits(m.from) !== account.senderId) return []; // a message another sender sent
  const cause = obj(arr(s.causes)[0]);
  const channelCode = str(cause?.channelErrorCode);
  const metaCode = channelCode && /^\d{1,9}$/.test(channelCode) && isMetaErrorCode(Number(channelCode)) ? Number(channelCode) : undefined;
  const details = [str(cause?.details), channelCode && metaCode === undefined ? `channel error ${channelCode}` : undefined].filter(Boolean).join(' · ');
  return [{
    kind: 'status', dedupeKey: `status:${id}:${status}`, providerMessageId: id, status,
    ...(str(m.externalId) ? { correlationId: str(m.externalId) } : {}),
    ...(digits(m.to) ? { recipient: digits(m.to) } : {}),
    ...(status === 'failed' ? {
      ...(metaCode !== undefined ? { errorCode: metaCode } : {}),
      ...(str(cause?.reason) ?? str(s.description) ? { errorTitle: str(cause?.reason) ?? str(s.description) } : {}),
      ...(details ? { errorDetails: details } : {}),
    } : {}),
  }];
}

/** A verified delivery (one event, or a list of them) → items; unknown events give none. */
export function webhookItems(payload: unknown, account: Pick<ZenviaConfig, 'senderId'>): WebhookItem[] {
  return (Array.isArray(payload) ? payload : [payload]).flatMap((raw) => {
    const event = obj(raw);
    const type = str(event?.type)?.toUpperCase();
    if (!event) return [];
    if (type === 'MESSAGE') return messageItems(event, account);
    if (type === 'MESSAGE_STATUS') return statusItems(event, account);
    return [];
  });
}
