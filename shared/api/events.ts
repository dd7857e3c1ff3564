/**
 * Server-Sent Events from `GET /api/v1/events`. Each SSE frame has `id: <sequence>` (a
 * monotonically increasing integer, usable as `Last-Event-ID`), `event: <type>` and
 * `data: <JSON of ServerEvent>`. Keep-alive comments (`: ping`) are sent every 15 s.
 */
import { z } from 'zod';
import { Conversation, IsoDate, Message } from './schemas';

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
]);
export type ServerEvent = z.infer<typeof ServerEvent>;
export type ServerEventType = ServerEvent['type'];
