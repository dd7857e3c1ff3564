/** Tickets and their timeline (`GET /tickets/:id`). Chat actions carry a closed conversation's transcript. */
import { z } from 'zod';
import { ClosedReason, ContactSummary, IsoDate, MessageDirection, MessageKind, MessageStatus } from './schemas';

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
    }),
  ),
});
export type ChatAction = z.infer<typeof ChatAction>;

export const TimelineEntry = z.discriminatedUnion('kind', [
  z.object({ id: z.string(), kind: z.literal('chat_action'), author: z.object({ id: z.string(), name: z.string() }).nullable(), body: ChatAction, createdAt: IsoDate }),
  z.object({ id: z.string(), kind: z.literal('note'), author: z.object({ id: z.string(), name: z.string() }).nullable(), body: z.object({ text: z.string() }), createdAt: IsoDate }),
]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Ticket = z.object({
  id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  status: TicketStatus,
  priority: z.enum(['low', 'normal', 'high', 'urgent']),
  contact: ContactSummary,
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  timeline: z.array(TimelineEntry),
  serverTime: IsoDate,
});
export type Ticket = z.infer<typeof Ticket>;
