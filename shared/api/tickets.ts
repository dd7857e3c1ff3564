/** Tickets and their timeline (`GET /tickets/:id`). A chat action is one of the ticket's closed conversations, with its transcript. */
import { z } from 'zod';
import { Attachment } from './attachments';
import { ClosedReason, Contact, ContactSummary, ConversationState, IsoDate, MessageDirection, MessageKind, MessageStatus, QueryText, TypedText } from './schemas';

export const TicketStatus = z.enum(['open', 'pending', 'solved', 'closed']);

export const ChatAction = z.object({
  conversationId: z.string(),
  closedReason: ClosedReason,
  closedBy: z.union([z.object({ type: z.literal('user'), id: z.string(), name: z.string() }), z.object({ type: z.literal('system') })]),
  closedAt: IsoDate,
  transcript: z.array(
    z.object({
      direction: MessageDirection,
      kind: MessageKind,
      template: z.object({ name: z.string(), language: z.string() }).nullable(),
      author: z.string().nullable(),
      text: z.string(),
      status: MessageStatus,
      createdAt: IsoDate,
      /** The message's file as it is now (a photo still downloading at the close shows once fetched; content: GET /attachments/:id/content). */
      attachments: z.array(Attachment).default([]),
    }),
  ),
});
export type ChatAction = z.infer<typeof ChatAction>;

export const TimelineEntry = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('chat_action'), author: z.object({ id: z.string(), name: z.string() }).nullable(), body: ChatAction, createdAt: IsoDate }),
  z.object({ id: z.string(), kind: z.literal('note'), author: z.object({ id: z.string(), name: z.string() }).nullable(), body: z.object({ text: z.string() }), createdAt: IsoDate }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TicketPriority = z.enum(['low', 'normal', 'high', 'urgent']);

export const TicketSummaryItem = z.object({
  id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  status: TicketStatus,
  priority: TicketPriority,
  contact: ContactSummary,
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export type TicketSummaryItem = z.infer<typeof TicketSummaryItem>;

export const TicketListQuery = z.object({
  q: QueryText(200).optional(),
  status: z.string().regex(/^(open|pending|solved|closed)(,(open|pending|solved|closed))*$/).optional(),
  /** A user id, or `me`, or `none` for unassigned. */
  assignee: QueryText(100).optional(),
  /** Only this contact's tickets (the picker offers them when a conversation starts from the inbox). */
  contactId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: QueryText(500).optional(),
});
export type TicketListQuery = z.input<typeof TicketListQuery>;

export const TicketPage = z.object({ items: z.array(TicketSummaryItem), nextCursor: z.string().nullable(), serverTime: IsoDate });
export type TicketPage = z.infer<typeof TicketPage>;

export const TicketUpdate = z
  .object({ status: TicketStatus.optional(), assigneeId: z.string().uuid().nullable().optional(), priority: TicketPriority.optional() })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to change' });
export const TicketNote = z.object({ text: TypedText().trim().min(1).max(10_000) });

export const Ticket = TicketSummaryItem.extend({
  timeline: z.array(TimelineEntry),
  /** The customer with their WhatsApp session, for the customer column and the WhatsApp button. */
  customer: Contact,
  /** Conversations linked to this ticket, newest first. */
  conversations: z.array(z.object({ id: z.string(), state: ConversationState, createdAt: IsoDate })),
  serverTime: IsoDate,
});
export type Ticket = z.infer<typeof Ticket>;
