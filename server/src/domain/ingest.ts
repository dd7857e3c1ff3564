/**
 * Customer messages in, set-based: one path for the sandbox endpoint and the provider's webhook
 * items. A batch of any size is one statement (the database function ingest_customer_messages,
 * migration 008: contacts, locks, sessions, interactions, messages, events); concurrent callers
 * on one instance are grouped into one batch (GroupCommit); several instances stay correct
 * through per-contact advisory locks.
 */
import { randomUUID } from 'node:crypto';
import type { AttachmentType } from '../../../shared/api/attachments';
import type { ContactCard, Conversation, InteractiveReply, Location, Message, MessageKind, Order } from '../../../shared/api/schemas';
import type { Clock } from '../clock';
import type { Queryable } from '../db/db';
import { ingestCustomerMessages } from '../repo/customer-messages';
import type { StoredEvent } from '../repo/events';

/**
 * What a customer message holds beyond plain text. An attachment with `providerMediaId` is media
 * WhatsApp still has to give us (stored pending, fetched in the background); without one it is a
 * file kept here already (the sandbox). `replyTo` is WhatsApp's id of the message answered.
 */
export interface InboundContent {
  kind: Exclude<MessageKind, 'template'>;
  attachment?: { id: string; type: AttachmentType; mimeType: string; fileName?: string; sha256?: string; voice?: boolean; providerMediaId?: string };
  replyTo?: string;
  location?: Location;
  contacts?: ContactCard[];
  interactive?: InteractiveReply;
  order?: Order;
}

/** A customer's message as a provider reports it (the sandbox gives phone, text and perhaps a file). */
export interface CustomerMessageInput {
  phone: string;
  text: string;
  /** When the customer wrote (never later than now); opens the window from then. */
  at?: Date;
  /** The provider's id for the message: a message already stored under it is not stored again. */
  providerMessageId?: string;
  /** The customer's WhatsApp profile name, for a new contact. */
  profileName?: string;
  /** Anything beyond plain text; the text is then a caption or a readable summary. */
  content?: InboundContent;
}

export interface Received {
  conversation: Conversation;
  message: Message;
}

/**
 * Applies customer messages in the caller's transaction (or, given the database itself, as one
 * transaction of their own): see ingest_customer_messages (migrations 008, 009) for the rules. Each
 * joins its contact's session (a new open one if there is none); a reply to a waiting template
 * opens the window with the agent who sent it; every customer message restarts the 24-hour
 * window; in a chatbot the bot keeps the conversation. Returns, per input, what was stored (null
 * for a provider id already stored) and the events written (`message.created`, as stored), with
 * their sequence numbers.
 */
export async function applyCustomerMessages(
  db: Queryable,
  clock: Clock,
  notify: boolean,
  inputs: CustomerMessageInput[],
): Promise<{ results: (Received | null)[]; events: StoredEvent[] }> {
  const stored = await ingestCustomerMessages(
    db,
    inputs.map((i) => ({
      phone: i.phone, text: i.text, at: i.at ?? null, providerMessageId: i.providerMessageId ?? null, profileName: i.profileName ?? null, messageId: randomUUID(),
      content: i.content ?? null,
    })),
    clock.now(),
    notify,
  );
  const results: (Received | null)[] = inputs.map(() => null);
  for (const s of stored) results[s.index] = { conversation: s.conversation, message: s.message };
  const events = stored.map((s) => ({ seq: s.seq, body: { type: 'message.created' as const, conversation: s.conversation, message: s.message } }));
  return { results, events };
}
