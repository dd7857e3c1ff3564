/**
 * Customer messages in, set-based: one path for the sandbox endpoint and the provider's webhook
 * items. A batch is applied in a few statements whatever its size (contacts, locks, sessions,
 * interactions, messages, events); concurrent callers on one instance are grouped into one
 * transaction (group commit); several instances stay correct through per-contact advisory locks.
 */
import { randomUUID } from 'node:crypto';
import type { Conversation, Message } from '../../../shared/api/schemas';
import { WINDOW_MS } from '../../../shared/domain/window';
import type { Clock } from '../clock';
import type { Queryable } from '../db/db';
import type { EventBody } from '../events/bus';
import { ensureContactsByPhone } from '../repo/contacts';
import { applyCustomerActivity, findConversations, insertOpenConversations, lockActiveConversations } from '../repo/conversations';
import { recordInteractions } from '../repo/interactions';
import { lockContacts } from '../repo/locks';
import { insertMessages, storedProviderIds } from '../repo/messages';
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
  const stored = await storedProviderIds(tx, inputs.flatMap((i) => (i.providerMessageId ? [i.providerMessageId] : [])));
  const accepted: { index: number; contactId: string; at: Date }[] = [];
  inputs.forEach((input, index) => {
    const id = input.providerMessageId;
    if (id && stored.has(id)) return;
    if (id) stored.add(id);
    const at = input.at && input.at.getTime() < now.getTime() ? input.at : now;
    accepted.push({ index, contactId: contactIds[index]!, at });
  });
  if (!accepted.length) return inputs.map(() => null);

  const sessions = new Map((await lockActiveConversations(tx, accepted.map((a) => a.contactId))).map((s) => [s.contactId, s]));
  const groups = new Map<string, { conversationId: string; first: Date; last: Date; state: 'new' | 'bot' | 'waiting' | 'open' }>();
  for (const a of accepted) {
    const group = groups.get(a.contactId);
    if (group) {
      if (a.at < group.first) group.first = a.at;
      if (a.at > group.last) group.last = a.at;
      continue;
    }
    const session = sessions.get(a.contactId);
    groups.set(a.contactId, { conversationId: session?.id ?? randomUUID(), first: a.at, last: a.at, state: session?.state ?? 'new' });
  }
  const all = [...groups.entries()];
  const windowOf = (last: Date) => new Date(last.getTime() + WINDOW_MS);
  await insertOpenConversations(
    tx,
    all.filter(([, g]) => g.state === 'new').map(([contactId, g]) => ({ id: g.conversationId, contactId, windowExpiresAt: windowOf(g.last), lastMessageAt: g.last, createdAt: now })),
  );
  await applyCustomerActivity(
    tx,
    all.filter(([, g]) => g.state !== 'new').map(([, g]) => ({ id: g.conversationId, windowExpiresAt: windowOf(g.last), lastMessageAt: g.last })),
  );
  await recordInteractions(
    tx,
    all.filter(([, g]) => g.state !== 'bot').map(([, g]) => ({ conversationId: g.conversationId, at: g.first, answeredTemplate: g.state === 'waiting' })),
  );
  const messages = await insertMessages(
    tx,
    accepted.map((a) => {
      const input = inputs[a.index]!;
      return {
        conversationId: groups.get(a.contactId)!.conversationId, direction: 'inbound' as const, kind: 'text' as const, text: input.text,
        status: 'received' as const, createdAt: a.at, providerMessageId: input.providerMessageId,
      };
    }),
  );
  const conversations = new Map((await findConversations(tx, all.map(([, g]) => g.conversationId))).map((c) => [c.id, c]));
  const results: (Received | null)[] = inputs.map(() => null);
  accepted.forEach((a, i) => {
    const message = messages[i];
    if (message) results[a.index] = { conversation: conversations.get(message.conversationId)!, message };
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
    private readonly concurrency = 1,
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
      const batch = this.queue.splice(0, this.maxBatch);
      if (!batch.length) return;
      this.flushing++;
      void this.flush(batch).finally(() => {
        this.flushing--;
        this.pump();
      });
      this.pump();
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
