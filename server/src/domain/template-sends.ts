import { createHash, randomUUID } from 'node:crypto';
import type { TemplateQuote } from '../../../shared/api/pricing';
import type { Role } from '../../../shared/api/schemas';
import type { Location } from '../../../shared/api/schemas';
import { MAX_WAIT_MINUTES, type HeaderMedia, type TemplateSendRequest, type TemplateSendResponse } from '../../../shared/api/templates';
import { canSendTemplates, contactSession } from '../../../shared/domain/session';
import { headerNeed, renderTemplate, templateSendability, validateHeader, validateParameters } from '../../../shared/domain/template-params';
import type { Clock } from '../clock';
import type { Queryable } from '../db/db';
import { ProblemError } from '../errors';
import { findAttachment } from '../repo/attachments';
import { findContactForSend } from '../repo/contacts';
import { assertMayWrite } from './assignment';
import { findActiveConversationForContact, findConversation, insertWaitingConversation, isUuid } from '../repo/conversations';
import { claimIdempotencyKey, findIdempotentAnswer, storeIdempotentAnswer } from '../repo/idempotency';
import { lockContacts } from '../repo/locks';
import { insertMessage } from '../repo/messages';
import { findTemplate } from '../repo/templates';
import { createTicket, findTicketSummary } from '../repo/tickets';
import type { ConversationService, Emit, OutboundDelivery } from './conversations';
import { recordQuotedPrice } from './message-prices';
import { quoteFor } from './pricing';

interface Sender {
  id: string;
  role: Role;
}

/**
 * Starting a conversation with an approved template. Checks run in the order of the API
 * contract: role, contact and channel, template status, parameters, maximum wait, session state.
 * Races are settled in the database: a per-contact advisory lock serializes everything that starts
 * or changes the contact's sessions (on every instance), the unique index keeps one session per
 * contact regardless, and an idempotency key keeps the first request's answer.
 */
export class TemplateSendService {
  constructor(
    private readonly conversations: ConversationService,
    private readonly clock: Clock,
    private readonly delivery: OutboundDelivery,
    /** BUSINESS_COUNTRY: where authentication-international does not apply (pricing.ts). */
    private readonly businessCountry: string | null = null,
  ) {}

  /**
   * What sending this template to this contact now would cost (`POST /template-sends/quote`): the
   * same rule, facts and clock as the price the send keeps. For whoever may send templates.
   */
  async quote(sender: Sender, request: { contactId: string; templateId: string }): Promise<TemplateQuote> {
    if (!canSendTemplates(sender.role)) throw new ProblemError('ROLE_NOT_ALLOWED', `The ${sender.role} role may not send templates.`);
    const now = this.clock.now();
    const contact = await findContactForSend(this.conversations.db, request.contactId);
    if (!contact) throw new ProblemError('NOT_FOUND', 'No such contact.');
    if (!contact.whatsapp) throw new ProblemError('CHANNEL_NOT_WHATSAPP', 'This contact cannot be reached on WhatsApp.');
    const template = await findTemplate(this.conversations.db, request.templateId);
    if (!template) throw new ProblemError('NOT_FOUND', 'No such template.');
    const quote = (await quoteFor(this.conversations.db, contact.id, template, now, this.businessCountry))!;
    return { ...quote, serverTime: now.toISOString() };
  }

  async send(
    sender: Sender,
    idempotencyKey: string,
    request: Required<Omit<TemplateSendRequest, 'ticketId' | 'headerMedia' | 'headerLocation'>> & Pick<TemplateSendRequest, 'ticketId' | 'headerMedia' | 'headerLocation'>,
  ) {
    const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    let replayed = false;
    const result = await this.conversations.withEvents(async (tx, emit) => {
      // Claim the key first: a concurrent retry with the same key waits here for our outcome.
      if (!(await claimIdempotencyKey(tx, sender.id, idempotencyKey, requestHash, this.clock.now()))) {
        const stored = await findIdempotentAnswer<TemplateSendResponse>(tx, sender.id, idempotencyKey);
        if (stored.requestHash !== requestHash) {
          throw new ProblemError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.');
        }
        replayed = true;
        return stored.response;
      }
      const response = await this.create(tx, sender, request, emit);
      await storeIdempotentAnswer(tx, sender.id, idempotencyKey, 201, response);
      return response;
    });
    if (!replayed) this.delivery.dispatched(result.message);
    return { ...result, serverTime: this.clock.now().toISOString() };
  }

  private async create(
    tx: Queryable,
    sender: Sender,
    request: {
      contactId: string;
      templateId: string;
      parameters: Record<string, string>;
      maxWaitMinutes: number;
      ticketId?: string;
      headerMedia?: HeaderMedia;
      headerLocation?: Location;
    },
    emit: Emit,
  ): Promise<TemplateSendResponse> {
    const now = this.clock.now();
    if (!canSendTemplates(sender.role)) throw new ProblemError('ROLE_NOT_ALLOWED', `The ${sender.role} role may not send templates.`);

    // Everything that starts or changes this contact's sessions waits here (every instance).
    if (isUuid(request.contactId)) await lockContacts(tx, [request.contactId]);
    const contact = await findContactForSend(tx, request.contactId);
    if (!contact) throw new ProblemError('NOT_FOUND', 'No such contact.');
    if (!contact.whatsapp) throw new ProblemError('CHANNEL_NOT_WHATSAPP', 'This contact cannot be reached on WhatsApp.');

    const template = await findTemplate(tx, request.templateId);
    if (!template) throw new ProblemError('NOT_FOUND', 'No such template.');
    if (template.status !== 'APPROVED') {
      throw new ProblemError('TEMPLATE_NOT_APPROVED', `Template ${template.name} (${template.language}) is ${template.status}, not APPROVED.`);
    }
    const sendability = templateSendability(template);
    if (!sendability.sendable) {
      throw new ProblemError('TEMPLATE_NOT_SENDABLE', `Template ${template.name} (${template.language}) cannot be sent: ${sendability.reason}`);
    }
    if (template.category === 'MARKETING' && contact.marketingOptOutAt) {
      // WhatsApp refuses it (131050) and the customer asked not to get it: refused before it becomes a waiting session.
      throw new ProblemError('CONTACT_OPTED_OUT_OF_MARKETING', `${contact.name} stopped marketing messages in WhatsApp on ${contact.marketingOptOutAt}; send a utility template instead.`);
    }
    const header = { headerMedia: request.headerMedia, headerLocation: request.headerLocation };
    const issues: { path: string; message: string }[] = [
      ...validateParameters(template, request.parameters).map((i) => ({ path: `parameters.${i.key}`, message: i.problem })),
      ...validateHeader(template, header).map((i) => ({ path: i.path, message: i.problem })),
    ];
    const need = headerNeed(template);
    if (need?.kind === 'media' && request.headerMedia && 'attachmentId' in request.headerMedia) {
      // An uploaded file of the header's type (an IMAGE header takes an image attachment).
      const attachment = isUuid(request.headerMedia.attachmentId) ? await findAttachment(tx, request.headerMedia.attachmentId) : null;
      if (!attachment) issues.push({ path: 'headerMedia.attachmentId', message: 'unknown' });
      else if (attachment.state !== 'ready') issues.push({ path: 'headerMedia.attachmentId', message: 'not_ready' });
      else if (attachment.type !== need.format.toLowerCase()) issues.push({ path: 'headerMedia.attachmentId', message: `not_${need.format.toLowerCase()}` });
    }
    if (issues.length) {
      throw new ProblemError('TEMPLATE_PARAMETERS_INVALID', 'Some template parameters, or the header media or location, are missing or not valid.', {
        errors: issues,
      });
    }
    if (request.maxWaitMinutes < MAX_WAIT_MINUTES.min || request.maxWaitMinutes > MAX_WAIT_MINUTES.max) {
      throw new ProblemError('MAX_WAIT_OUT_OF_RANGE', `maxWaitMinutes must be from ${MAX_WAIT_MINUTES.min} to ${MAX_WAIT_MINUTES.max}.`);
    }
    const active = await findActiveConversationForContact(tx, contact.id);
    const session = contactSession({
      whatsapp: contact.whatsapp,
      hadConversation: contact.hadConversation,
      role: sender.role,
      active: active && active.state !== 'closed' ? { ...active, state: active.state } : null,
    });
    if (session.blockedReason === 'CONTACT_IN_CHATBOT') throw new ProblemError('CONTACT_IN_CHATBOT', 'The contact is in a chatbot flow.');
    // Someone else has the contact's session: they are the one to write (or transfer it).
    if (active && active.state !== 'closed') assertMayWrite(active, sender);
    if (session.blockedReason) {
      throw new ProblemError('CONTACT_HAS_OPEN_SESSION', `The contact already has a ${session.state} session.`, { retryAt: session.blockedUntil });
    }

    let ticketId: string;
    if (request.ticketId) {
      const ticket = await findTicketSummary(tx, request.ticketId);
      if (!ticket || ticket.contactId !== contact.id || ticket.status === 'closed') {
        throw new ProblemError('TICKET_NOT_USABLE', 'The ticket must be an open ticket of this contact.');
      }
      ticketId = ticket.id;
    } else {
      ticketId = await createTicket(tx, { subject: `WhatsApp: ${template.name} – ${contact.name}`, contactId: contact.id, assigneeId: sender.id, now });
    }

    // Priced before the message exists, exactly as the quote was (a first reply to an entry point is this one).
    const quote = (await quoteFor(tx, contact.id, template, now, this.businessCountry))!;
    const conversationId = randomUUID();
    const autoCloseAt = new Date(now.getTime() + request.maxWaitMinutes * 60_000);
    await insertWaitingConversation(tx, { id: conversationId, contactId: contact.id, ticketId, assigneeId: sender.id, autoCloseAt, now });
    const message = await insertMessage(tx, {
      conversationId,
      direction: 'outbound',
      kind: 'template',
      template: { name: template.name, language: template.language },
      text: renderTemplate(template, request.parameters, header),
      status: 'pending',
      authorId: sender.id,
      createdAt: now,
      // An uploaded header file is the message's attachment: the chat and the transcript show what went out.
      attachmentId: request.headerMedia && 'attachmentId' in request.headerMedia ? request.headerMedia.attachmentId : null,
    });
    await recordQuotedPrice(tx, message.id, quote, now);
    await this.delivery.stored?.(tx, message, {
      kind: 'template',
      templateId: template.id,
      parameters: request.parameters,
      ...(request.headerMedia ? { headerMedia: request.headerMedia } : {}),
      ...(request.headerLocation ? { headerLocation: request.headerLocation } : {}),
    });
    const conversation = (await findConversation(tx, conversationId))!;
    await emit(this.conversations.appendEvent(tx, { type: 'message.created', conversation, message }));
    const ticket = (await findTicketSummary(tx, ticketId))!;
    return { conversation, message, ticket: { id: ticket.id, number: ticket.number, subject: ticket.subject, status: ticket.status }, serverTime: now.toISOString() };
  }
}
