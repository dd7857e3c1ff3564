/**
 * Whether a template may be sent to a contact now, and if not, why and until when. The server
 * uses it to refuse and to describe a contact's `session`; the app uses the same answer to
 * explain the block instead of offering a button that fails.
 */
import type { BlockedReason, ContactSession, ConversationState, Role } from '../api/schemas';
import { conversationDeadline } from './deadline';

export const TEMPLATE_SENDING_ROLES: readonly Role[] = ['agent', 'operator', 'administrator'];

export function canSendTemplates(role: Role): boolean {
  return TEMPLATE_SENDING_ROLES.includes(role);
}

export interface ActiveConversation {
  id: string;
  state: Exclude<ConversationState, 'closed'>;
  windowExpiresAt: string | null;
  autoCloseAt: string | null;
  assignee: { id: string; name: string } | null;
}

export interface SessionInput {
  whatsapp: boolean;
  /** The contact's conversation that is not closed, if any (there is at most one). */
  active: ActiveConversation | null;
  /** Whether the contact ever had a conversation (for `closed` rather than `none`). */
  hadConversation: boolean;
  role: Role;
}

/** Refusal order follows the send endpoint: role, then channel, then session state. */
export function contactSession({ whatsapp, active, hadConversation, role }: SessionInput): ContactSession {
  const base = {
    state: active ? active.state : hadConversation ? ('closed' as const) : ('none' as const),
    conversationId: active?.id ?? null,
    windowExpiresAt: active?.windowExpiresAt ?? null,
    autoCloseAt: active?.autoCloseAt ?? null,
    assignee: active?.assignee ?? null,
  };
  const blocked = (blockedReason: BlockedReason, blockedUntil: string | null = null): ContactSession => ({
    ...base,
    canSendTemplate: false,
    blockedReason,
    blockedUntil,
  });
  if (!canSendTemplates(role)) return blocked('ROLE_NOT_ALLOWED');
  if (!whatsapp) return blocked('CHANNEL_NOT_WHATSAPP');
  if (active?.state === 'bot') return blocked('CONTACT_IN_CHATBOT');
  // Open or waiting: blocked until the deadline that ends the session.
  if (active) return blocked('CONTACT_HAS_OPEN_SESSION', conversationDeadline(active)?.at ?? null);
  return { ...base, canSendTemplate: true, blockedReason: null, blockedUntil: null };
}
