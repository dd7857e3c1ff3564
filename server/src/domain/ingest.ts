/**
 * Customer messages in, set-based: one path for the sandbox endpoint and the provider's webhook
 * items. A batch is applied in a few statements whatever its size (contacts, locks, sessions,
 * interactions, messages, events); concurrent callers on one instance are grouped into one
 * transaction (group commit); several instances stay correct through per-contact advisory locks.
 * A batch of known contacts takes five statements: find the contacts, lock them, lock their
 * sessions, store everything (repo/customer-messages.ts), write the events.
 */
import { randomUUID } from 'node:crypto';
import type { Conversation, Message } from '../../../shared/api/schemas';
import type { Clock } from '../clock';
import type { Queryable } from '../db/db';
import type { EventBody } from '../events/bus';
import { ensureContactsByPhone } from '../repo/contacts';
import { lockActiveConversations } from '../repo/conversations';
import { inboundMessage, storeCustomerBatch, type InboundMessage, type SessionChange } from '../repo/customer-messages';
import { lockContacts } from '../repo/locks';
import { storedProviderIds } from '../repo/messages';
import { isTransient } from '../repo/rows';

/** A customer's message as a provider reports it (the sandbox gives only phone and text). */
export interface CustomerMessageInput {
  phone: string;
  text: string;
  /** When the customer wrote (never later than now); opens the window from then. */
  at?: Date;
  /** The provider's id for the message: a message already stored under it is not stored again. */
  providerMessageId?: string;
  /** The customer's WhatsApp profile name, for a new contact. */
  profileName?: string;
}

export interface Received {
  conversation: Conversation;
  message: Message;
}

/** Writes events in the caller's transaction, to be announced after commit. */
export type AppendEvents = (tx: Queryable, bodies: EventBody[]) => Promise<void>;

/**
 * Applies customer messages in the caller's transaction. Each joins its contact's session (a new
 * open one if there is none); a reply to a waiting template opens the window with the agent who
 * sent it; every customer message restarts the 24-hour window; in a chatbot the bot keeps the
 * conversation. Returns, per input, what was stored, or null for a provider id already stored.
 */
export async function applyCustomerMessages(tx: Queryable, clock: Clock, append: AppendEvents, inputs: CustomerMessageInput[]): Promise<(Received | null)[]> {
  const now = clock.now();
  const contactIds = await ensureContactsByPhone(tx, inputs.map((i) => ({ phone: i.phone, name: i.profileName })), now);
  await lockContacts(tx, contactIds);
  // Checked under the locks: a concurrent batch with the same provider id has committed by now.
  const seen = await storedProviderIds(tx, inputs.flatMap((i) => (i.providerMessageId ? [i.providerMessageId] : [])));
  const accepted: { index: number; contactId: string; at: Date }[] = [];
  inputs.forEach((input, index) => {
    const id = input.providerMessageId;
    if (id && seen.has(id)) return;
    if (id) seen.add(id);
    const at = input.at && input.at.getTime() < now.getTime() ? input.at : now;
    accepted.push({ index, contactId: contactIds[index]!, at });
  });
  if (!accepted.length) return inputs.map(() => null);

  const sessions = new Map((await lockActiveConversations(tx, accepted.map((a) => a.contactId))).map((s) => [s.contactId, s]));
  const changes = new Map<string, SessionChange>();
  const messages: InboundMessage[] = [];
  for (const a of accepted) {
    const text = inputs[a.index]!.text;
    let change = changes.get(a.contactId);
    if (!change) {
      const session = sessions.get(a.contactId);
      change = {
        conversationId: session?.id ?? randomUUID(), contactId: a.contactId, isNew: !session, answersTemplate: session?.state === 'waiting',
        isBot: session?.state === 'bot', firstAt: a.at, lastAt: a.at, lastText: text,
      };
      changes.set(a.contactId, change);
    } else {
      if (a.at < change.firstAt) change.firstAt = a.at;
      if (a.at >= change.lastAt) [change.lastAt, change.lastText] = [a.at, text];
    }
    messages.push({ id: randomUUID(), conversationId: change.conversationId, text, createdAt: a.at, providerMessageId: inputs[a.index]!.providerMessageId ?? null });
  }
  const { conversations, stored } = await storeCustomerBatch(tx, [...changes.values()], messages, now);
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const results: (Received | null)[] = inputs.map(() => null);
  accepted.forEach((a, i) => {
    const message = messages[i]!;
    if (stored.has(message.id)) results[a.index] = { conversation: byId.get(message.conversationId)!, message: inboundMessage(message) };
  });
  await append(tx, results.flatMap((r) => (r ? [{ type: 'message.created' as const, ...r }] : [])));
  return results;
}

interface Waiting {
  input: CustomerMessageInput;
  resolve: (result: Received | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for customer messages arriving one by one (the sandbox endpoint): callers that
 * arrive while a batch is being written wait for the next one, which takes them all. A batch that
 * fails is applied again message by message, so one bad message never fails the others.
 */
export class CustomerMessageIngest {
  private readonly queue: Waiting[] = [];
  private flushing = 0;
  private scheduled = false;

  constructor(
    private readonly run: (inputs: CustomerMessageInput[]) => Promise<(Received | null)[]>,
    private readonly maxBatch = 256,
    private readonly concurrency = 2,
  ) {}

  receive(input: CustomerMessageInput): Promise<Received | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  /**
   * Starts a batch on the next turn of the event loop, not at once: callers answered by the batch
   * before usually send their next message in this turn, and join the same batch.
   */
  private pump(): void {
    if (this.scheduled || this.flushing >= this.concurrency || !this.queue.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      // What is waiting is shared among the free connections, so batches overlap in the database.
      const free = this.concurrency - this.flushing;
      const size = Math.min(this.maxBatch, Math.ceil(this.queue.length / free));
      for (let i = 0; i < free && this.queue.length; i++) {
        const batch = this.queue.splice(0, size);
        this.flushing++;
        void this.flush(batch).finally(() => {
          this.flushing--;
          this.pump();
        });
      }
    });
  }

  private async flush(batch: Waiting[]): Promise<void> {
    try {
      const results = await this.attempt(batch.map((w) => w.input));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const w of batch) {
        await this.attempt([w.input]).then((r) => w.resolve(r[0]!), w.reject);
      }
    }
  }

  /** A deadlock or serialization failure is not the message's fault: run it again. */
  private async attempt(inputs: CustomerMessageInput[]): Promise<(Received | null)[]> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.run(inputs);
      } catch (error) {
        if (!isTransient(error) || tries >= 5) throw error;
      }
    }
  }
}
