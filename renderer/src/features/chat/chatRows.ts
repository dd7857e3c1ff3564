/**
 * The chat as one list of rows for the virtual message list (issue 15), top to bottom: the
 * history's top (button, loading, start), each earlier conversation under its divider, the open
 * conversation's messages with a day divider where a day starts, and the closed notice. Each row
 * has a key that stays the same when rows are added above or below it, so the list keeps its place.
 */
import type { Conversation, Message } from '../../../../shared/api/schemas';
import { startsDay } from '../../ui/time';

export type ChatRow =
  | { kind: 'top'; key: string }
  | { kind: 'earlier'; key: string; conversation: Conversation }
  | { kind: 'day'; key: string; at: string }
  | { kind: 'message'; key: string; message: Message; historic: boolean; replyTo?: Message }
  | { kind: 'closed'; key: string; conversation: Conversation };

/**
 * A conversation's messages with their day dividers; replies find what they answer in one look-up
 * each. A divider's key is its day (in its conversation), so it stays the same when older messages
 * of that day come in above it.
 */
function messageRows(messages: readonly Message[], scope: string, historic: boolean): ChatRow[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  return messages.flatMap((message, i): ChatRow[] => {
    const row: ChatRow = { kind: 'message', key: message.id, message, historic, replyTo: message.replyToId ? byId.get(message.replyToId) : undefined };
    return startsDay(message.createdAt, messages[i - 1]?.createdAt) ? [{ kind: 'day', key: `day:${scope}:${new Date(message.createdAt).toDateString()}`, at: message.createdAt }, row] : [row];
  });
}

interface Parts {
  earlier: readonly { conversation: Conversation; messages: readonly Message[] }[];
  messages: readonly Message[];
  /** The open conversation, once loaded: closed, it ends with its notice. */
  conversation: Conversation | null;
}

export function chatRows({ earlier, messages, conversation }: Parts): ChatRow[] {
  return [
    { kind: 'top', key: 'top' },
    ...earlier.flatMap(({ conversation: c, messages: items }): ChatRow[] => [{ kind: 'earlier', key: `earlier:${c.id}`, conversation: c }, ...messageRows(items, c.id, true)]),
    ...messageRows(messages, 'open', false),
    ...(conversation?.state === 'closed' ? [{ kind: 'closed', key: 'closed', conversation } as const] : []),
  ];
}

/** A first guess at a row's height (px) until it is measured. */
export function estimateRow(row: ChatRow | undefined): number {
  if (!row || row.kind === 'top') return 28;
  if (row.kind === 'day' || row.kind === 'earlier') return 30;
  if (row.kind === 'closed') return 48;
  if (row.message.attachments.length) return 240;
  return 52 + Math.floor(row.message.text.length / 60) * 20;
}
