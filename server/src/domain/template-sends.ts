import { createHash, randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/api/schemas';
import { MAX_WAIT_MINUTES, type TemplateSendRequest, type TemplateSendResponse } from '../../../shared/api/templates';
import { canSendTemplates } from '../../../shared/domain/session';
import { renderTemplate, validateParameters } from '../../../shared/domain/template-params';
import type { Clock } from '../clock';
import type { Queryable } from '../db/db';
import { ProblemError } from '../errors';
import { findActiveConversationForContact, findConversation, isUuid } from '../repo/conversations';
import { insertMessage } from '../repo/messages';
import { findTemplate } from '../repo/templates';
import { findTicketSummary } from '../repo/tickets';
import type { ConversationService, DeliverySimulator } from './conversations';

interface Sender {
  id: string;
  role: Role;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Starting a conversation with an approved template. Checks run in the order of the API
 * contract: role, contact and channel, template status, parameters, maximum wait, session state.
 * The database settles races: one active conversation per contact (a unique index), and one
 * answer per idempotency key (the first request's, stored with it).
 */
export class TemplateSendService {
  constructor(
    private readonly conversations: ConversationService,
    private readonly clock: Clock,
    private readonly delivery: DeliverySimulator,
  ) {}

  async send(sender: Sender, idempotencyKey: string, request: Required<Omit<TemplateSendRequest, 'ticketId'>> & { ticketId?: string }) {
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    let replayed = false;
    let result: TemplateSendResponse;
    try {
      result = await this.conversations.withEvents(async (tx, emit) => {
        // Claim the key first: a concurrent retry with the same key waits here for our outcome.
        const claim = await tx.query(
          `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response, created_at)
           VALUES ($1, $2, $3, 0, '{}'::jsonb, $4) ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
          [sender.id, idempotencyKey, requestHash, this.clock.now()],
        );
        if (claim.rows.length === 0) {
          const { rows } = await tx.query<{ request_hash: string; response: TemplateSendResponse | string }>(
            'SELECT request_hash, response FROM idempotency_keys WHERE user_id = $1 AND key = $2',
            [sender.id, idempotencyKey],
          );
          const stored = rows[0]!;
          if (stored.request_hash !== requestHash) {
            throw new ProblemError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.');
          }
          replayed = true;
          return typeof stored.response === 'string' ? JSON.parse(stored.response) : stored.response;
        }
        const response = await this.create(tx, sender, request, emit);
        await tx.query('UPDATE idempotency_keys SET status_code = 201, response = $3 WHERE user_id = $1 AND key = $2', [
          sender.id,
          idempotencyKey,
          JSON.stringify(response),
        ]);
        return response;
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ProblemError('CONTACT_HAS_OPEN_SESSION', 'Another session with this contact started at the same moment.');
      }
      throw error;
    }
    if (!replayed) this.delivery.dispatched(result.message);
    return { ...result, serverTime: this.clock.now().toISOString() };
  }

  private async create(
    tx: Queryable,
    sender: Sender,
    request: { contactId: string; templateId: string; parameters: Record<string, string>; maxWaitMinutes: number; ticketId?: string },
    emit: (seq: Promise<number>) => Promise<void>,
  ): Promise<TemplateSendResponse> {
    const now = this.clock.now();
    if (!canSendTemplates(sender.role)) throw new ProblemError('ROLE_NOT_ALLOWED', `The ${sender.role} role may not send templates.`);

    const contact = isUuid(request.contactId)
      ? (await tx.query<{ id: string; name: string; whatsapp: boolean }>('SELECT id, name, whatsapp FROM contacts WHERE id = $1 FOR UPDATE', [request.contactId])).rows[0]
      : undefined;
    if (!contact) throw new ProblemError('NOT_FOUND', 'No such contact.');
    if (!contact.whatsapp) throw new ProblemError('CHANNEL_NOT_WHATSAPP', 'This contact cannot be reached on WhatsApp.');

    const template = await findTemplate(tx, request.templateId);
    if (!template) throw new ProblemError('NOT_FOUND', 'No such template.');
    if (template.status !== 'APPROVED') {
      throw new ProblemError('TEMPLATE_NOT_APPROVED', `Template ${template.name} (${template.language}) is ${template.status}, not APPROVED.`);
    }
    const issues = validateParameters(template, request.parameters);
    if (issues.length) {
      throw new ProblemError('TEMPLATE_PARAMETERS_INVALID', 'Some template parameters are missing or not valid.', {
        errors: issues.map((i) => ({ path: `parameters.${i.key}`, message: i.problem })),
      });
    }
    if (request.maxWaitMinutes < MAX_WAIT_MINUTES.min || request.maxWaitMinutes > MAX_WAIT_MINUTES.max) {
      throw new ProblemError('MAX_WAIT_OUT_OF_RANGE', `maxWaitMinutes must be from ${MAX_WAIT_MINUTES.min} to ${MAX_WAIT_MINUTES.max}.`);
    }
    const active = await findActiveConversationForContact(tx, contact.id);
    if (active?.state === 'bot') throw new ProblemError('CONTACT_IN_CHATBOT', 'The contact is in a chatbot flow.');
    if (active) {
      throw new ProblemError('CONTACT_HAS_OPEN_SESSION', `The contact already has a ${active.state} session.`, {
        retryAt: active.state === 'waiting' ? active.autoCloseAt : active.windowExpiresAt,
      });
    }

    let ticketId: string;
    if (request.ticketId) {
      const ticket = await findTicketSummary(tx, request.ticketId);
      if (!ticket || ticket.contactId !== contact.id || ticket.status === 'closed') {
        throw new ProblemError('TICKET_NOT_USABLE', 'The ticket must be an open ticket of this contact.');
      }
      ticketId = ticket.id;
    } else {
      ticketId = randomUUID();
      await tx.query(
        `INSERT INTO tickets (id, subject, status, contact_id, assignee_id, created_at, updated_at) VALUES ($1, $2, 'open', $3, $4, $5, $5)`,
        [ticketId, `WhatsApp: ${template.name} – ${contact.name}`, contact.id, sender.id, now],
      );
    }

    const conversationId = randomUUID();
    const autoCloseAt = new Date(now.getTime() + request.maxWaitMinutes * 60_000);
    await tx.query(
      `INSERT INTO conversations (id, contact_id, ticket_id, state, assignee_id, auto_close_at, last_message_at, created_at, created_by)
       VALUES ($1, $2, $3, 'waiting', $4, $5, $6, $6, $4)`,
      [conversationId, contact.id, ticketId, sender.id, autoCloseAt, now],
    );
    const message = await insertMessage(tx, {
      conversationId,
      direction: 'outbound',
      kind: 'template',
      template: { name: template.name, language: template.language },
      text: renderTemplate(template, request.parameters),
      status: 'pending',
      authorId: sender.id,
      createdAt: now,
    });
    await this.delivery.stored?.(tx, message, { kind: 'template', templateId: template.id, parameters: request.parameters });
    const conversation = (await findConversation(tx, conversationId))!;
    await emit(this.conversations.appendEvent(tx, { type: 'message.created', conversation, message }));
    const ticket = (await findTicketSummary(tx, ticketId))!;
    return { conversation, message, ticket: { id: ticket.id, number: ticket.number, subject: ticket.subject, status: ticket.status }, serverTime: now.toISOString() };
  }
}
