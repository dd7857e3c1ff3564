import { randomUUID } from 'node:crypto';
import type { ClosedReason, Conversation, Message } from '../../../shared/api/schemas';
import { isBefore, WINDOW_MS } from '../../../shared/domain/window';
import type { Clock } from '../clock';
import type { Db, Queryable } from '../db/db';
import { ProblemError } from '../errors';
import type { EventBody, EventBus } from '../events/bus';
import { findActiveConversationForContact, findConversation } from '../repo/conversations';
import { findContactIdByPhone } from '../repo/contacts';
import { findMessage, insertMessage, updateMessageStatus } from '../repo/messages';
import { movesForward } from './delivery-status';
import { recordInteraction } from './interactions';
import { attachChatAction, ensureTicket } from './tickets';

/** What an outbound message asks the provider to send. */
export type OutboundRequest =
  | { kind: 'text'; text: string }
  | { kind: 'template'; templateId: string; parameters: Record<string, string> };

export interface DeliverySimulator {
  /** In the transaction that stores an outbound message: a durable provider queues it here. */
  stored?(tx: Queryable, message: Message, request: OutboundRequest): Promise<void>;
  /** Called after an outbound message is stored: the provider takes it from here. */
  dispatched(message: Message): void;
}

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

/** The conversation life cycle: customer messages, agent text, closing with the transcript. */
export class ConversationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly delivery: DeliverySimulator,
  ) {}

  /** Writes an event in the caller's transaction (announced by `withEvents` after commit). */
  appendEvent(tx: Queryable, body: EventBody): Promise<number> {
    return this.bus.append(tx, body);
  }

  /** Runs `fn` in a transaction and announces the events it appended once committed. */
  async withEvents<T>(fn: (tx: Queryable, emit: (seq: Promise<number>) => Promise<void>) => Promise<T>): Promise<T> {
    const seqs: number[] = [];
    const result = await this.db.transaction((tx) => fn(tx, async (seq) => void seqs.push(await seq)));
    await this.bus.announce(seqs);
    return result;
  }

  /**
   * A customer writes. The message joins the contact's session (a new open one if there is none).
   * A reply to a waiting template opens the window with the agent who sent it; every customer
   * message restarts the 24-hour window; in a chatbot the bot keeps the conversation.
   */
  async customerMessage(phone: string, text: string): Promise<{ conversation: Conversation; message: Message }> {
    return this.withEvents(async (tx, emit) => (await this.receive(tx, emit, { phone, text }))!);
  }

  /** `customerMessage` in the caller's transaction; null when the provider's message id is already stored. */
  async receive(
    tx: Queryable,
    emit: (seq: Promise<number>) => Promise<void>,
    input: CustomerMessageInput,
  ): Promise<{ conversation: Conversation; message: Message } | null> {
    if (input.providerMessageId) {
      const seen = await tx.query('SELECT 1 FROM messages WHERE provider_message_id = $1', [input.providerMessageId]);
      if (seen.rows.length) return null;
    }
    const now = this.clock.now();
    const at = input.at && input.at.getTime() < now.getTime() ? input.at : now;
    const contactId = (await findContactIdByPhone(tx, input.phone)) ?? (await this.createContact(tx, input.phone, now, input.profileName));
    const active = await findActiveConversationForContact(tx, contactId);
    const windowExpiresAt = new Date(at.getTime() + WINDOW_MS);
    let conversationId: string;
    if (!active) {
      conversationId = randomUUID();
      await tx.query(
        `INSERT INTO conversations (id, contact_id, state, window_expires_at, last_message_at, created_at) VALUES ($1, $2, 'open', $3, $4, $5)`,
        [conversationId, contactId, windowExpiresAt, at, now],
      );
    } else {
      conversationId = active.id;
      // A message reported late never shortens the window a later one opened.
      if (active.state === 'bot') {
        await tx.query('UPDATE conversations SET last_message_at = GREATEST(last_message_at, $2) WHERE id = $1', [conversationId, at]);
      } else {
        await tx.query(
          `UPDATE conversations SET state = 'open', window_expires_at = GREATEST(window_expires_at, $2), auto_close_at = NULL,
             last_message_at = GREATEST(last_message_at, $3) WHERE id = $1`,
          [conversationId, windowExpiresAt, at],
        );
      }
    }
    if (active?.state !== 'bot') await recordInteraction(tx, conversationId, at, active?.state === 'waiting');
    const message = await insertMessage(tx, {
      conversationId, direction: 'inbound', kind: 'text', text: input.text, status: 'received', createdAt: at,
      providerMessageId: input.providerMessageId,
    });
    const conversation = (await findConversation(tx, conversationId))!;
    await emit(this.bus.append(tx, { type: 'message.created', conversation, message }));
    return { conversation, message };
  }

  /** Free text from an agent: only inside an open 24-hour window. */
  async sendText(conversationId: string, author: { id: string }, text: string) {
    const result = await this.withEvents(async (tx, emit) => {
      const now = this.clock.now();
      const rows = await tx.query('SELECT id FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
      const current = rows.rows.length ? await findConversation(tx, conversationId) : null;
      if (!current) throw new ProblemError('NOT_FOUND', 'No such conversation.');
      if (current.state === 'closed') throw new ProblemError('CONVERSATION_CLOSED', 'This conversation is closed.');
      const windowEnd = current.windowExpiresAt ? Date.parse(current.windowExpiresAt) : null;
      if (current.state !== 'open' || !isBefore(now.getTime(), windowEnd)) {
        throw new ProblemError('WINDOW_CLOSED', 'The 24-hour window is closed: send an approved template instead.', {
          retryAt: null,
        });
      }
      const message = await insertMessage(tx, { conversationId, direction: 'outbound', kind: 'text', text, status: 'pending', authorId: author.id, createdAt: now });
      await this.delivery.stored?.(tx, message, { kind: 'text', text });
      await tx.query('UPDATE conversations SET last_message_at = $2, assignee_id = COALESCE(assignee_id, $3) WHERE id = $1', [conversationId, now, author.id]);
      const conversation = (await findConversation(tx, conversationId))!;
      await emit(this.bus.append(tx, { type: 'message.created', conversation, message }));
      return { conversation, message };
    });
    this.delivery.dispatched(result.message);
    return result;
  }

  /** A delivery report for an outbound message; announced as `message.updated`. */
  async setDeliveryStatus(messageId: string, status: Message['status'], error?: { code: string; message: string }): Promise<Message | null> {
    return this.withEvents(async (tx, emit) => {
      const found = await findMessage(tx, messageId);
      if (!found || found.direction !== 'outbound') return null;
      const message = (await updateMessageStatus(tx, messageId, status, error))!;
      await emit(this.bus.append(tx, { type: 'message.updated', message }));
      return message;
    });
  }

  /**
   * A provider's delivery report, in the caller's transaction: applied only when it moves the
   * message forward (see movesForward), then announced as `message.updated`. Null when ignored.
   */
  async advanceDeliveryStatus(
    tx: Queryable,
    emit: (seq: Promise<number>) => Promise<void>,
    messageId: string,
    status: Message['status'],
    error?: { code: string; message: string },
  ): Promise<Message | null> {
    const { rows } = await tx.query<{ status: Message['status']; direction: string; error_code: string | null }>(
      'SELECT status, direction, error_code FROM messages WHERE id = $1 FOR UPDATE',
      [messageId],
    );
    const current = rows[0];
    if (!current || current.direction !== 'outbound' || !movesForward(current.status, status, current.error_code)) return null;
    const message = (await updateMessageStatus(tx, messageId, status, status === 'failed' ? error : undefined))!;
    await emit(this.bus.append(tx, { type: 'message.updated', message }));
    return message;
  }

  /** Closes a conversation (agent, no reply, window expired) and files its transcript on the ticket. */
  async close(tx: Queryable, conversationId: string, reason: ClosedReason, closedBy: { id: string; name: string } | null, emit: (seq: Promise<number>) => Promise<void>) {
    const now = this.clock.now();
    const conversation = await findConversation(tx, conversationId);
    if (!conversation) throw new ProblemError('NOT_FOUND', 'No such conversation.');
    if (conversation.state === 'closed') throw new ProblemError('CONVERSATION_CLOSED', 'This conversation is already closed.');
    const ticketId = await ensureTicket(tx, conversationId, `WhatsApp: ${conversation.contact.name}`, now);
    await tx.query(
      `UPDATE conversations SET state = 'closed', closed_reason = $2, closed_at = $3, closed_by = $4 WHERE id = $1`,
      [conversationId, reason, now, closedBy?.id ?? null],
    );
    await attachChatAction(tx, { conversationId, ticketId, reason, closedBy, now });
    const closed = (await findConversation(tx, conversationId))!;
    await emit(this.bus.append(tx, { type: 'conversation.updated', conversation: closed }));
    return closed;
  }

  async closeByAgent(conversationId: string, user: { id: string; name: string }): Promise<Conversation> {
    return this.withEvents(async (tx, emit) => {
      await tx.query('SELECT id FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
      return this.close(tx, conversationId, 'agent', user, emit);
    });
  }

  private async createContact(tx: Queryable, phone: string, now: Date, name?: string): Promise<string> {
    const id = randomUUID();
    const digits = phone.replace(/\D/g, '');
    await tx.query(`INSERT INTO contacts (id, name, phone, whatsapp, wa_id, created_at) VALUES ($1, $2, $3, true, $4, $5)`, [
      id,
      name?.trim() || `+${digits}`,
      `+${digits}`,
      digits,
      now,
    ]);
    return id;
  }
}
