/**
 * Server-Sent Events from `GET /api/v1/events`. Each SSE frame has `id: <sequence>` (a
 * monotonically increasing integer, usable as `Last-Event-ID`), `event: <type>` and
 * `data: <JSON of ServerEvent>`. Keep-alive comments (`: ping`) are sent every 15 s.
 */
import { z } from 'zod';
import { Conversation, IsoDate, Message } from './schemas';
import { TemplateCategory } from './templates';

export const ServerEvent = z.discriminatedUnion('type', [
  /** A message was added to a conversation (inbound or outbound). */
  z.object({
    type: z.literal('message.created'),
    id: z.string(),
    serverTime: IsoDate,
    conversation: Conversation,
    message: Message,
  }),
  /** A message's delivery status changed (sent, delivered, read, failed). */
  z.object({
    type: z.literal('message.updated'),
    id: z.string(),
    serverTime: IsoDate,
    message: Message,
  }),
  /** A conversation changed state, assignee or deadlines (opened, waiting, closed...). */
  z.object({
    type: z.literal('conversation.updated'),
    id: z.string(),
    serverTime: IsoDate,
    conversation: Conversation,
  }),
  /**
   * This month's estimated spend on a template category reached 80 % or 100 % of its budget
   * (issue 20); sent once per category, month and threshold, to supervisors and administrators.
   */
  z.object({
    type: z.literal('budget.alert'),
    id: z.string(),
    serverTime: IsoDate,
    category: TemplateCategory,
    /** YYYY-MM (UTC). */
    month: z.string(),
    threshold: z.number().int(),
    spent: z.number(),
    budget: z.number(),
    currency: z.string(),
  }),
]);
export type ServerEvent = z.infer<typeof ServerEvent>;
export type ServerEventType = ServerEvent['type'];
