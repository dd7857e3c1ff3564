import { ConversationState, type ClosedReason, type Conversation, type Location, type Message, type Role } from '../../../shared/api/schemas';
import { assignRefusal } from '../../../shared/domain/inbox';
import { CAPTION_MAX, takesCaption, type AttachmentType } from '../../../shared/api/attachments';
import { deadlineCloseReason } from '../../../shared/domain/deadline';
import { isBefore } from '../../../shared/domain/window';
import type { Clock } from '../clock';
import type { Db, Queryable } from '../db/db';
import { ProblemError } from '../errors';
import type { Emit, EventBody, EventBus } from '../events/bus';
import { closeConversations, closeDueConversations, findConversation, lockConversation, recordAgentMessage } from '../repo/conversations';
import { findMessage, findMessages, insertMessage, updateMessageStatus } from '../repo/messages';
import { assertMayWrite, assignableUser, recordAssignment } from './assignment';
import { advanceOne, applyDeliveryReports, type DeliveryReport, type ReportEvents } from './delivery-reports';
import type { ReportedPricing } from './message-prices';
import { GroupCommit } from './group-commit';
import { applyCustomerMessages, type CustomerMessageInput, type InboundContent, type Received } from './ingest';

/** What an outbound message asks the provider to send. */
export type OutboundRequest =
  | { kind: 'text'; text: string; attachmentId?: string }
  | {
      kind: 'template';
      templateId: string;
      parameters: Record<string, string>;
      /** Header media by public link or by an uploaded attachment (sent to WhatsApp by id). */
      headerMedia?: { link: string } | { attachmentId: string };
      headerLocation?: Location;
    };

/** How stored outbound messages reach WhatsApp: the sandbox simulates it, Meta sends through its outbox. */
export interface OutboundDelivery {
  /** In the transaction that stores an outbound message: a durable provider queues it here. */
  stored?(tx: Queryable, message: Message, request: OutboundRequest): Promise<void>;
  /** Called after an outbound message is stored: the provider takes it from here. */
  dispatched(message: Message): void;
}

// What a transaction's writers hand on to be announced after commit (defined with the bus, which announces it).
export type { Emit, Written } from '../events/bus';

/** How each state closes once its deadline passes (shared/domain/deadline.ts), for the database's sweep. */
const CLOSE_REASON_BY_STATE = Object.fromEntries(
  ConversationState.options.flatMap((state) => {
    const reason = deadlineCloseReason(state);
    return reason ? [[state, reason]] : [];
  }),
);

/** The conversation life cycle: customer messages, agent text, closing with the transcript. */
export class ConversationService {
  private readonly ingest: GroupCommit<CustomerMessageInput, Received | null>;

  constructor(
    readonly db: Db,
    private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly delivery: OutboundDelivery,
  ) {
    // One statement per batch, its own transaction: no BEGIN and COMMIT round trips.
    this.ingest = new GroupCommit((inputs: CustomerMessageInput[]) =>
      this.bus.writing(async () => {
        const { results, events } = await applyCustomerMessages(this.db, this.clock, this.bus.notifies, inputs);
        await this.bus.announce(events);
        return results;
      }),
    );
  }

  /** Writes an event in the caller's transaction (announced by `withEvents` after commit). */
  appendEvent(tx: Queryable, body: EventBody): Promise<number> {
    return this.bus.append(tx, body);
  }

  /** Runs `fn` in a transaction and announces the events it appended once committed. */
  withEvents<T>(fn: (tx: Queryable, emit: Emit) => Promise<T>): Promise<T> {
    return this.bus.withEvents(fn);
  }

  /** Announces that these messages changed (an attachment arrived, a reaction, an edit) as `message.updated`, in the caller's transaction. */
  async messagesChanged(tx: Queryable, emit: Emit, messageIds: string[]): Promise<Message[]> {
    const messages = await findMessages(tx, messageIds);
    await emit(this.bus.appendMany(tx, messages.map((message) => ({ type: 'message.updated' as const, message }))));
    return messages;
  }

  /** A customer writes (sandbox): grouped with other messages arriving at the same moment, one transaction. */
  async customerMessage(phone: string, text: string, content?: InboundContent): Promise<Received> {
    return (await this.ingest.submit({ phone, text, content }))!;
  }

  /** Customer messages in the caller's transaction (a provider's batch); null where the provider id is already stored. */
  async receiveMany(tx: Queryable, emit: Emit, inputs: CustomerMessageInput[]): Promise<(Received | null)[]> {
    if (!inputs.length) return [];
    const { results, events } = await applyCustomerMessages(tx, this.clock, this.bus.notifies, inputs);
    await emit(events);
    return results;
  }

  /** A provider's delivery reports in the caller's transaction, set-based (see applyDeliveryReports). */
  applyDeliveryReports(tx: Queryable, emit: Emit, reports: DeliveryReport[]) {
    return applyDeliveryReports(tx, this.reportEvents(emit), reports, this.clock.now());
  }

  private appender(emit: Emit) {
    return (tx: Queryable, bodies: EventBody[]) => emit(this.bus.appendMany(tx, bodies));
  }

  private reportEvents(emit: Emit): ReportEvents {
    return { append: this.appender(emit), written: (events) => emit(events), notify: this.bus.notifies };
  }

  /**
   * Free text, or a file with its caption, from an agent: only inside an open 24-hour window. The
   * file is an uploaded attachment (checked by the caller: it exists and is ready).
   */
  async sendText(conversationId: string, author: { id: string; name: string }, text: string, attachment?: { id: string; type: AttachmentType }) {
    if (attachment && text && !takesCaption(attachment.type)) {
      throw new ProblemError('VALIDATION_FAILED', `WhatsApp shows no caption under ${attachment.type === 'audio' ? 'audio' : 'a sticker'}: send the text on its own.`, {
        errors: [{ path: 'text', message: 'no caption for this type' }],
      });
    }
    if (attachment && text.length > CAPTION_MAX) {
      throw new ProblemError('VALIDATION_FAILED', `A caption may be at most ${CAPTION_MAX} characters.`, { errors: [{ path: 'text', message: `at most ${CAPTION_MAX}` }] });
    }
    if (!attachment && !text) throw new ProblemError('VALIDATION_FAILED', 'Write a text or attach a file.', { errors: [{ path: 'text', message: 'required' }] });
    const result = await this.withEvents(async (tx, emit) => {
      const now = this.clock.now();
      const current = (await lockConversation(tx, conversationId)) ? await findConversation(tx, conversationId) : null;
      if (!current) throw new ProblemError('NOT_FOUND', 'No such conversation.');
      if (current.state === 'closed') throw new ProblemError('CONVERSATION_CLOSED', 'This conversation is closed.');
      assertMayWrite(current, author);
      const windowEnd = current.windowExpiresAt ? Date.parse(current.windowExpiresAt) : null;
      if (current.state !== 'open' || !isBefore(now.getTime(), windowEnd)) {
        throw new ProblemError('WINDOW_CLOSED', 'The 24-hour window is closed: send an approved template instead.', {
          retryAt: null,
        });
      }
      // Writing into a conversation nobody has takes it, on the timeline like any other assignment.
      const taken = current.assignee ? null : await recordAssignment(tx, conversationId, { id: author.id, name: author.name }, author, now);
      const message = await insertMessage(tx, {
        conversationId, direction: 'outbound', kind: attachment ? 'media' : 'text', text, status: 'pending', authorId: author.id, createdAt: now,
        attachmentId: attachment?.id ?? null,
      });
      await this.delivery.stored?.(tx, message, attachment ? { kind: 'text', text, attachmentId: attachment.id } : { kind: 'text', text });
      await recordAgentMessage(tx, conversationId, author.id, now);
      const conversation = (await findConversation(tx, conversationId))!;
      const created = [...(taken ? [taken] : []), message].map((m) => ({ type: 'message.created' as const, conversation, message: m }));
      await emit(this.bus.appendMany(tx, created));
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
  advanceDeliveryStatus(
    tx: Queryable, emit: Emit, messageId: string, status: Message['status'],
    error?: { code: string; message: string; title?: string; details?: string }, pricing?: ReportedPricing,
  ): Promise<Message | null> {
    return advanceOne(tx, this.reportEvents(emit), messageId, status, this.clock.now(), error, pricing);
  }

  /**
   * Closes conversations the caller has row-locked and knows are not closed (an agent's close),
   * each into its ticket (created if missing), set-based: one statement for one conversation or
   * thousands. The ticket shows the closed conversation and its transcript from then on
   * (repo/tickets.ts reads them from the conversation), so nothing is copied; the closing
   * statement writes the conversation.updated events and touches the tickets.
   */
  async closeMany(tx: Queryable, emit: Emit, list: { id: string; reason: ClosedReason }[], closedBy: { id: string; name: string }): Promise<Conversation[]> {
    if (!list.length) return [];
    const closed = await closeConversations(tx, list, closedBy.id, this.clock.now(), this.bus.notifies);
    // Read back: the events are at hand for the bus too.
    await emit(closed.map(({ seq, conversation }) => ({ seq, body: { type: 'conversation.updated' as const, conversation } })));
    return closed.map((c) => c.conversation);
  }

  /**
   * Closes up to `limit` conversations whose deadline has passed, as closeMany does, in one
   * transaction and one statement that also claims them (repo closeDueConversations); each closes
   * with the reason shared/domain/deadline.ts gives for its state. Nothing is read back: the bus
   * needs only the highest seq to find the events. Returns how many it closed, and whether more
   * than `limit` were due.
   */
  async closeDue(limit: number): Promise<{ closed: number; more: boolean }> {
    return this.withEvents(async (tx, emit) => {
      const { closed, lastSeq, more } = await closeDueConversations(tx, this.clock.now(), limit, CLOSE_REASON_BY_STATE, this.bus.notifies);
      if (lastSeq !== null) await emit(lastSeq);
      return { closed, more };
    });
  }

  async closeByAgent(conversationId: string, user: { id: string; name: string }): Promise<Conversation> {
    return this.withEvents(async (tx, emit) => {
      const state = await lockConversation(tx, conversationId);
      if (!state) throw new ProblemError('NOT_FOUND', 'No such conversation.');
      if (state === 'closed') throw new ProblemError('CONVERSATION_CLOSED', 'This conversation is already closed.');
      assertMayWrite((await findConversation(tx, conversationId))!, user);
      const [closed] = await this.closeMany(tx, emit, [{ id: conversationId, reason: 'agent' }], { id: user.id, name: user.name });
      return closed!;
    });
  }

  /**
   * Gives a conversation to someone (or nobody): an agent takes an unassigned one for itself;
   * operators, administrators and supervisors transfer to any active agent, operator or
   * administrator (shared/domain/inbox.ts). The change is a system message on the timeline and a
   * message.created plus conversation.updated event. Giving it to whoever has it changes nothing.
   */
  async assign(conversationId: string, actor: { id: string; name: string; role: Role }, assigneeId: string | null): Promise<Conversation> {
    return this.withEvents(async (tx, emit) => {
      const state = await lockConversation(tx, conversationId);
      if (!state) throw new ProblemError('NOT_FOUND', 'No such conversation.');
      if (state === 'closed') throw new ProblemError('CONVERSATION_CLOSED', 'This conversation is closed.');
      const current = (await findConversation(tx, conversationId))!;
      const refusal = assignRefusal(actor, current.assigneeId, assigneeId);
      if (refusal === 'ROLE_NOT_ALLOWED') throw new ProblemError('ROLE_NOT_ALLOWED', 'An agent can only take an unassigned conversation for itself.');
      if (refusal) assertMayWrite(current, actor);
      if (current.assigneeId === assigneeId) return current;
      const assignee = assigneeId ? await assignableUser(tx, assigneeId) : null;
      const message = await recordAssignment(tx, conversationId, assignee, { id: actor.id, name: actor.name }, this.clock.now());
      const conversation = (await findConversation(tx, conversationId))!;
      await emit(this.bus.appendMany(tx, [
        { type: 'message.created', conversation, message },
        { type: 'conversation.updated', conversation },
      ]));
      return conversation;
    });
  }
}
