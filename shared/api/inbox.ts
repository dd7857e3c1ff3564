/** The team inbox: views with their counts, assignment, read marks, a contact's history (issue 14). */
import { z } from 'zod';
import { Conversation, ConversationView, IsoDate, Uuid } from './schemas';

/** `POST /conversations/:id/assign`: null leaves it unassigned (operators, administrators, supervisors). */
export const AssignRequest = z.object({ assigneeId: Uuid.nullable() });
export type AssignRequest = z.infer<typeof AssignRequest>;

/** `GET /conversations/views`: per view the caller may open, how many rows and how many with unread customer messages. */
export const ViewCounts = z.object({
  items: z.array(z.object({ view: ConversationView, count: z.number().int().min(0), unread: z.number().int().min(0) })),
  serverTime: IsoDate,
});
export type ViewCounts = z.infer<typeof ViewCounts>;

/** `GET /contacts/:id/conversations`: newest first; `before` pages back from a conversation id. */
export const ContactConversationsQuery = z.object({
  before: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(50).optional(),
});
export type ContactConversationsQuery = z.input<typeof ContactConversationsQuery>;

export const ContactConversations = z.object({ items: z.array(Conversation), nextCursor: z.string().nullable(), serverTime: IsoDate });
export type ContactConversations = z.infer<typeof ContactConversations>;

/** Someone who may be given a conversation (`GET /assignees`): agents, operators, administrators, active. */
export const Assignee = z.object({ id: z.string(), name: z.string(), role: z.enum(['agent', 'operator', 'administrator']) });
export const AssigneeList = z.object({ items: z.array(Assignee), serverTime: IsoDate });
export type AssigneeList = z.infer<typeof AssigneeList>;
