/**
 * One inbound WhatsApp message (whatsapp-protocol.md §1.4, §1.8) → what we keep of it: a readable
 * text (the text itself, a caption, or a summary an agent can read in a list) and the structured
 * content (media to fetch, location, contact cards, button/list/flow replies, orders). Reactions,
 * edits and deletions are not messages of their own: they change the message they point at.
 */
import { ATTACHMENT_LIMITS, type AttachmentType } from '../../../../shared/api/attachments';
import type { InteractiveReply } from '../../../../shared/api/schemas';
import { answersOf, contactCardsOf, orderOf, orderText, placeOf, placeText } from '../content';
import type { WebhookContent } from '../types';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);

export type InboundMessage =
  | { kind: 'message'; text: string; content?: WebhookContent }
  | { kind: 'reaction'; targetProviderId: string; emoji: string }
  | { kind: 'edit'; targetProviderId: string; text: string; content?: WebhookContent }
  | { kind: 'revoke'; targetProviderId: string }
  | { kind: 'number_change'; newWaId: string; text: string }
  | null;

const MEDIA = new Set<string>(ATTACHMENT_LIMITS.map((l) => l.type));

function media(type: AttachmentType, sub: Raw | null): WebhookContent | undefined {
  const id = str(sub?.id);
  if (!id) return undefined;
  const mimeType = (str(sub?.mime_type) ?? '').split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
  return {
    kind: 'media',
    attachment: {
      type, mimeType, providerMediaId: id, sha256: str(sub?.sha256),
      ...(str(sub?.filename) ? { fileName: str(sub?.filename) } : {}),
      ...(sub?.voice === true ? { voice: true } : {}),
    },
  };
}

/** A flow's answers (`response_json`) as question/answer pairs; the flow token is ours, not an answer. */
function flowAnswers(responseJson: unknown): InteractiveReply['answers'] {
  let parsed: unknown = responseJson;
  if (typeof responseJson === 'string') {
    try {
      parsed = JSON.parse(responseJson);
    } catch {
      return [];
    }
  }
  return answersOf(obj(parsed), ['flow_token']);
}

const withReply = (content: WebhookContent | undefined, replyTo: string | undefined): WebhookContent | undefined =>
  replyTo ? { ...(content ?? { kind: 'text' as never }), replyTo } : content;

/** What a message of any type becomes; null for what is nothing to keep. */
export function inboundMessage(m: Raw): InboundMessage {
  const type = str(m.type) ?? 'unknown';
  const sub = obj(m[type]);
  const replyTo = str(obj(m.context)?.id);
  const message = (text: string, content?: WebhookContent): InboundMessage => ({ kind: 'message', text, content: withReply(content, replyTo) });
  switch (type) {
    case 'text':
      return message(str(sub?.body) ?? '');
    case 'voice': // the On-Premises API's word for a voice note (the Cloud API sends audio with voice: true)
      return inboundMessage({ ...m, type: 'audio', audio: { ...sub, voice: true } });
    case 'image': case 'video': case 'audio': case 'document': case 'sticker': {
      const content = MEDIA.has(type) ? media(type as AttachmentType, sub) : undefined;
      const caption = str(sub?.caption) ?? '';
      // Without a media id nothing can be fetched: say what it was in the text.
      return content ? message(caption, content) : message(caption ? `[${type}] ${caption}` : `[${type}]`);
    }
    case 'location': {
      const place = placeOf(sub);
      return message(placeText(sub, place), place ? { kind: 'location', location: place } : undefined);
    }
    case 'contacts': {
      const cards = contactCardsOf(m.contacts, { formatted: 'formatted_name', first: 'first_name', last: 'last_name', waId: 'wa_id' });
      return message(cards.map((c) => c.name).join(', ') || '[contact card]', cards.length ? { kind: 'contacts', contacts: cards } : undefined);
    }
    case 'button': {
      // A quick-reply button of a template: the answer to it (context points at the template).
      const title = str(sub?.text) ?? str(sub?.payload) ?? '';
      return message(title, { kind: 'interactive', interactive: { title, ...(str(sub?.payload) ? { id: str(sub?.payload) } : {}) } });
    }
    case 'interactive': {
      const flow = obj(sub?.nfm_reply);
      if (flow) {
        const answers = flowAnswers(flow.response_json) ?? [];
        const text = answers.map((a) => `${a.question}: ${a.answer}`).join('\n') || str(flow.body) || '[form answers]';
        // `name` is Meta's word for the kind of form ("flow", "address_message"), not something the customer chose.
        return message(text, { kind: 'interactive', interactive: { answers } });
      }
      const reply = obj(sub?.button_reply) ?? obj(sub?.list_reply);
      const title = str(reply?.title) ?? '';
      return message(title || '[interactive reply]', { kind: 'interactive', interactive: { title, ...(str(reply?.id) ? { id: str(reply?.id) } : {}) } });
    }
    case 'order': {
      const o = orderOf(sub, { items: 'product_items', productId: 'product_retailer_id', price: 'item_price', catalogId: 'catalog_id' });
      return message(orderText(o), { kind: 'order', order: o });
    }
    case 'reaction': {
      const target = str(sub?.message_id);
      return target ? { kind: 'reaction', targetProviderId: target, emoji: typeof sub?.emoji === 'string' ? sub.emoji : '' } : null;
    }
    case 'edit': {
      const target = str(sub?.original_message_id);
      const edited = obj(sub?.message);
      const inner = edited ? inboundMessage({ ...edited, type: str(edited.type) ?? 'text' }) : null;
      return target && inner?.kind === 'message' ? { kind: 'edit', targetProviderId: target, text: inner.text, content: inner.content } : null;
    }
    case 'revoke': {
      const target = str(sub?.original_message_id);
      return target ? { kind: 'revoke', targetProviderId: target } : null;
    }
    case 'system': {
      const newWaId = str(sub?.wa_id) ?? str(sub?.new_wa_id);
      if ((str(sub?.type) === 'user_changed_number' || str(sub?.type) === 'customer_changed_number') && newWaId && /^\d{6,20}$/.test(newWaId)) {
        return { kind: 'number_change', newWaId, text: str(sub?.body) ?? `Changed number to +${newWaId}` };
      }
      return null;
    }
    default: {
      const error = obj(arr(m.errors)[0]);
      const why = str(obj(error?.error_data)?.details) ?? str(error?.title);
      return message(why ? `[unsupported message] ${why}` : '[unsupported message]', { kind: 'system' });
    }
  }
}
