/**
 * Which deadline applies to a conversation, and how it closes when that deadline is reached. One
 * rule for the sweeper, the supervisor board, template sends, the contact session and the
 * desktop mirror: an open conversation ends with its 24-hour window, a waiting one (a template
 * sent, no reply yet) with its auto-close time; a chatbot or closed conversation has none.
 */
import type { ConversationState } from '../api/schemas';

export interface DeadlineFields {
  state: ConversationState;
  windowExpiresAt: string | null | undefined;
  autoCloseAt: string | null | undefined;
}

export interface ConversationDeadline {
  kind: 'window' | 'auto_close';
  /** ISO time, as stored on the conversation. */
  at: string;
  closeReason: 'window_expired' | 'no_reply';
}

/** The deadline in force, or null when none applies (or the conversation has no such time). */
export function conversationDeadline(c: DeadlineFields): ConversationDeadline | null {
  if (c.state === 'open' && c.windowExpiresAt) return { kind: 'window', at: c.windowExpiresAt, closeReason: 'window_expired' };
  if (c.state === 'waiting' && c.autoCloseAt) return { kind: 'auto_close', at: c.autoCloseAt, closeReason: 'no_reply' };
  return null;
}

/**
 * How a conversation in `state` closes once its deadline has passed, or null when that state has
 * none: the rule above, for a sweep that already knows the deadline passed.
 */
export function deadlineCloseReason(state: ConversationState): ConversationDeadline['closeReason'] | null {
  const at = new Date(0).toISOString();
  return conversationDeadline({ state, windowExpiresAt: at, autoCloseAt: at })?.closeReason ?? null;
}
