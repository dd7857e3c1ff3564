/**
 * IPC channels of the team inbox (issue 14): view counts, assignment, read marks, assignees and a
 * contact's earlier conversations. Spread into `invokeChannels` (contract.ts); ids are the
 * server's UUIDs.
 */
import { z } from 'zod';
import { AssigneeList, ContactConversations, ViewCounts } from '../api/inbox';
import { ConversationResponse, Uuid } from '../api/schemas';

export const inboxChannels = {
  /** How many conversations each of the caller's views holds, and how many have unread customer messages. */
  'conversations:views': { input: z.undefined(), output: ViewCounts },
  /** null leaves it unassigned. Agents may only take an unassigned one for themselves. */
  'conversations:assign': { input: z.object({ id: Uuid, assigneeId: Uuid.nullable() }), output: ConversationResponse },
  /** The caller has seen it: its unreadCount becomes 0. */
  'conversations:read': { input: z.object({ id: Uuid }), output: z.null() },
  /** A contact's conversations, newest first; `before` pages back from a conversation id. */
  'contacts:conversations': {
    input: z.object({ contactId: Uuid, before: Uuid.optional(), limit: z.number().int().min(1).max(50).optional() }),
    output: ContactConversations,
  },
  /** Who a conversation may be given to (agents, operators, administrators). */
  'assignees:list': { input: z.undefined(), output: AssigneeList },
} as const;
