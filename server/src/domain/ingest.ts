/**
 * Customer messages in, set-based: one path for the sandbox endpoint and the provider's webhook
 * items. A batch of any size is one statement (the database function ingest_customer_messages,
 * migration 008: contacts, locks, sessions, interactions, messages, events); concurrent callers
 * on one instance are grouped into one batch (group commit); several instances stay correct
 * through per-contact advisory locks.
 */
import { randomUUID } from 'node:crypto';
import type { Conversation, Message } from '../../../shared/api/schemas';
import type { Clock } from '../clock';
import type { Queryable } from '../db/db';
import { ingestCustomerMessages } from '../repo/customer-messages';
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

/**
 * Applies customer messages in the caller's transaction (or, given the database itself, as one
 * transaction of their own): see ingest_customer_messages (migration 008) for the rules. Each
 * joins its contact's session (a new open one if there is none); a reply to a waiting template
 * opens the window with the agent who sent it; every customer message restarts the 24-hour
 * window; in a chatbot the bot keeps the conversation. Returns, per input, what was stored (null
 * for a provider id already stored) and the sequence numbers of the events written.
 */
export async function applyCustomerMessages(
  db: Queryable,
  clock: Clock,
  notify: boolean,
  inputs: CustomerMessageInput[],
): Promise<{ results: (Received | null)[]; seqs: number[] }> {
  const stored = await ingestCustomerMessages(
    db,
    inputs.map((i) => ({
      phone: i.phone, text: i.text, at: i.at ?? null, providerMessageId: i.providerMessageId ?? null, profileName: i.profileName ?? null, messageId: randomUUID(),
    })),
    clock.now(),
    notify,
  );
  const results: (Received | null)[] = inputs.map(() => null);
  for (const s of stored) results[s.index] = { conversation: s.conversation, message: s.message };
  return { results, seqs: stored.map((s) => s.seq) };
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
    /** Batches in flight at once. One measured best: callers answered together come back together. */
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
      // With more than one batch in flight, what is waiting is shared among them.
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
