import type { AssignmentChange, Conversation } from '../../../shared/api/schemas';
import { ASSIGNABLE_ROLES, mayWrite } from '../../../shared/domain/inbox';
import type { Queryable } from '../db/db';
import { ProblemError } from '../errors';
import { setAssignee } from '../repo/conversations';
import { insertMessage } from '../repo/messages';
import { findActiveUser } from '../repo/users';

/** Refuses a write (text, close, template) by anyone but the conversation's assignee; unassigned is anyone's. */
export function assertMayWrite(conversation: Pick<Conversation, 'assignee'>, user: { id: string }): void {
  const assignee = conversation.assignee;
  if (assignee && !mayWrite(user.id, assignee.id)) {
    throw new ProblemError('CONVERSATION_ASSIGNED_TO_OTHER', `${assignee.name} has this conversation; ask them or a supervisor to transfer it.`, {
      assignee,
    });
  }
}

/** The user a conversation is given to: active and of a role that writes to customers; else a 422. */
export async function assignableUser(tx: Queryable, id: string): Promise<{ id: string; name: string }> {
  const user = await findActiveUser(tx, id);
  if (!user || !ASSIGNABLE_ROLES.includes(user.role)) {
    throw new ProblemError('VALIDATION_FAILED', 'A conversation can be given only to an active agent, operator or administrator.', {
      errors: [{ path: 'assigneeId', message: user ? 'role cannot be assigned' : 'no such active user' }],
    });
  }
  return { id: user.id, name: user.name };
}

/**
 * Gives a row-locked conversation to `assignee` (or nobody) and records the change on its timeline
 * as a system message (never sent to WhatsApp; the inbox preview ignores it). Returns the message.
 */
export async function recordAssignment(
  tx: Queryable,
  conversationId: string,
  assignee: { id: string; name: string } | null,
  by: { id: string; name: string },
  at: Date,
) {
  await setAssignee(tx, conversationId, assignee?.id ?? null);
  const assignment: AssignmentChange = { assignee, by };
  return insertMessage(tx, {
    conversationId,
    direction: 'outbound',
    kind: 'system',
    text: assignmentSummary(assignment),
    status: 'sent',
    authorId: by.id,
    content: { assignment },
    createdAt: at,
  });
}

/** The English summary stored as the message text (the app shows its own translated line). */
function assignmentSummary({ assignee, by }: AssignmentChange): string {
  if (!assignee) return `${by.name} left the conversation unassigned`;
  if (assignee.id === by.id) return `${by.name} took the conversation`;
  return `${by.name} gave the conversation to ${assignee.name}`;
}
