/**
 * Who may open which inbox view, and who may give a conversation to whom: the one home of these
 * rules for the server (which enforces them) and the app (which shows only what will work).
 */
import type { Conversation, ConversationView, Role } from '../api/schemas';

/** The views a role works with, in tab order. Supervisors own nothing; agents do not see the whole team's list. */
export function viewsFor(role: Role): readonly ConversationView[] {
  switch (role) {
    case 'agent':
      return ['mine', 'unassigned', 'waiting'];
    case 'supervisor':
      return ['unassigned', 'waiting', 'all'];
    default:
      return ['mine', 'unassigned', 'waiting', 'all'];
  }
}

/** Roles that may be given a conversation (they can write to customers). */
export const ASSIGNABLE_ROLES: readonly Role[] = ['agent', 'operator', 'administrator'];

/** Roles that may give a conversation to anyone (transfer); an agent may only take an unassigned one. */
export function mayTransfer(role: Role): boolean {
  return role === 'operator' || role === 'administrator' || role === 'supervisor';
}

export type AssignRefusal = 'ROLE_NOT_ALLOWED' | 'CONVERSATION_ASSIGNED_TO_OTHER' | null;

/**
 * Whether `actor` may give conversation (currently assigned to `currentAssigneeId`) to `assigneeId`:
 * transferring roles may give it to anyone; an agent may take it for itself when nobody has it.
 */
export function assignRefusal(actor: { id: string; role: Role }, currentAssigneeId: string | null, assigneeId: string | null): AssignRefusal {
  if (mayTransfer(actor.role)) return null;
  if (actor.role !== 'agent' || assigneeId !== actor.id) return 'ROLE_NOT_ALLOWED';
  if (currentAssigneeId && currentAssigneeId !== actor.id) return 'CONVERSATION_ASSIGNED_TO_OTHER';
  return null;
}

/** Whether `userId` may write, close or send a template in a conversation assigned to `assigneeId`: only its assignee, or anyone when unassigned. */
export function mayWrite(userId: string, assigneeId: string | null): boolean {
  return assigneeId === null || assigneeId === userId;
}

/**
 * Whether a conversation belongs in `view` for `viewer`: the server's view conditions, so the app
 * can move a row between tabs when a live event changes it (the counts are refetched anyway).
 * `all` holds every contact's latest conversation: any conversation that changes is its contact's latest.
 */
export function inView(
  view: ConversationView,
  conversation: Pick<Conversation, 'state' | 'assigneeId'>,
  viewer: { id: string; role: Role },
): boolean {
  const { state, assigneeId } = conversation;
  switch (view) {
    case 'mine':
      return assigneeId === viewer.id && (state === 'open' || state === 'waiting');
    case 'unassigned':
      return assigneeId === null && state === 'open';
    case 'waiting':
      return state === 'waiting' && (viewer.role !== 'agent' || assigneeId === viewer.id);
    case 'all':
      return true;
  }
}
