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
import { answersOf, contactCardsOf, orderOf, orderText, placeOf, placeText } from '../content';
import { isMetaErrorCode } from '../failures';
import type { WebhookContent, WebhookItem } from '../types';
import type { ZenviaConfig } from './config';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);
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
      const place = placeOf(c);
      return { text: placeText(c, place), content: place ? { kind: 'location', location: place } : undefined };
    }
    case 'contacts': {
      const cards = contactCardsOf(c.contacts, { formatted: 'formattedName', first: 'firstName', last: 'lastName', waId: 'waId' });
      return { text: cards.map((card) => card.name).join(', ') || '[contact card]', content: cards.length ? { kind: 'contacts', contacts: cards } : undefined };
    }
    case 'flow_response': {
      const answers = answersOf(obj(c.data));
      const text = answers.map((a) => `${a.question}: ${a.answer}`).join('\n') || str(c.body) || '[form answers]';
      return { text, content: { kind: 'interactive', interactive: { answers } } };
    }
    case 'product_list_order': {
      const o = orderOf(c, { items: 'productItems', productId: 'productId', price: 'itemPrice', catalogId: 'catalogId' });
      return { text: orderText(o), content: { kind: 'order', order: o } };
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
  if (str(m.direction)?.toUpperCase() === 'IN') return []; // a customer's message: we only follow ours
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
