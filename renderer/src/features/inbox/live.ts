/**
 * The team inbox kept live from server events (issue 14): rows move between the cached tab lists
 * as conversations change hands, each row keeps the user's unread count (events are shared by
 * every user, so they do not carry it: a customer message the user is not looking at adds one),
 * and the tab counts are refetched, debounced, after any change.
 */
import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { Conversation, ConversationPage, Message, Role } from '../../../../shared/api/schemas';
import { inView } from '../../../../shared/domain/inbox';
import type { ConversationListInput } from '../../../../shared/ipc/contract';
import { keys } from '../../api/keys';

export interface Viewer {
  id: string;
  role: Role;
}

/** The inbox preview, plus who wrote it when a live event told us (the list's preview does not say). */
export type Preview = NonNullable<Conversation['lastMessage']> & { authorId?: string };

const activity = (c: Conversation) => (c.lastMessageAt ? Date.parse(c.lastMessageAt) : 0);

/** Whether a cached list (its query input) holds this conversation. */
function belongs(filter: ConversationListInput, conversation: Conversation, viewer: Viewer): boolean {
  if (filter.view && !inView(filter.view, conversation, viewer)) return false;
  if (filter.mine && conversation.assigneeId !== viewer.id) return false;
  if (filter.state?.length && !filter.state.includes(conversation.state)) return false;
  const q = filter.q?.trim().toLowerCase();
  return !q || conversation.contact.name.toLowerCase().includes(q) || (conversation.contact.phone ?? '').includes(q);
}

export interface Change {
  conversation: Conversation;
  /** The message that came with it (message.created), if any. */
  message?: Message;
  /** The conversation the user has open now: its unread count stays 0. */
  openId: string | null;
}

/** A customer's own message (not an assignment line or anything the business sent). */
export const isCustomerMessage = (message: Message | undefined) => message?.direction === 'inbound' && message.kind !== 'system';

/**
 * Applies a changed conversation to every cached inbox list and to the conversation itself.
 * Returns whether some list gained or lost a row (its paging is then stale: refetch it).
 */
export function applyConversationChange(client: QueryClient, viewer: Viewer, { conversation, message, openId }: Change): boolean {
  const bump = isCustomerMessage(message) ? 1 : 0;
  const unreadOf = (old: Conversation | undefined) => (conversation.id === openId ? 0 : (old?.unreadCount ?? 0) + bump);
  const preview = (old: Conversation | undefined): Preview | null => {
    const last = conversation.lastMessage;
    if (!last) return null;
    // Who wrote the preview: this event's message, or what an earlier event told about the same one.
    if (message && message.createdAt === last.createdAt && message.text === last.text) return { ...last, authorId: message.author?.id };
    const known = old?.lastMessage as Preview | null | undefined;
    return known && known.createdAt === last.createdAt ? { ...last, authorId: known.authorId } : last;
  };
  const merge = (old: Conversation | undefined): Conversation => ({ ...conversation, lastMessage: preview(old), unreadCount: unreadOf(old) });

  client.setQueryData(keys.conversation(conversation.id), (old: Conversation | undefined) => (old ? { ...old, ...merge(old) } : old));
  let moved = false;
  for (const [key, data] of client.getQueriesData<InfiniteData<ConversationPage>>({ queryKey: keys.conversations })) {
    if (!data?.pages) continue;
    const filter = (key[1] ?? {}) as ConversationListInput;
    const rows = data.pages.flatMap((p) => p.items);
    const old = rows.find((c) => c.id === conversation.id);
    const keep = belongs(filter, conversation, viewer);
    // One row per contact in the whole-team view: the contact's latest conversation replaces an older one.
    const replaced = filter.view === 'all' ? rows.filter((c) => c.contactId === conversation.contactId && c.id !== conversation.id) : [];
    if (!old && !keep) continue;
    moved ||= !old || !keep || replaced.length > 0;
    const gone = new Set([conversation.id, ...replaced.map((c) => c.id)]);
    const pages = data.pages.map((page) => ({ ...page, items: page.items.filter((c) => !gone.has(c.id)) }));
    const first = pages[0];
    if (first && keep) first.items = [merge(old), ...first.items].sort((a, b) => activity(b) - activity(a));
    client.setQueryData<InfiniteData<ConversationPage>>(key, { ...data, pages });
  }
  return moved;
}

/**
 * A page of the inbox as fetched, less the unread count of the conversation the user has open: a
 * list fetched before the server took the read would otherwise bring the badge back.
 */
export function readOpen(page: ConversationPage, openId: string | null): ConversationPage {
  if (!openId || !page.items.some((c) => c.id === openId && c.unreadCount)) return page;
  return { ...page, items: page.items.map((c) => (c.id === openId ? { ...c, unreadCount: 0 } : c)) };
}

/** The user has seen this conversation: no unread badge on it anywhere. */
export function clearUnread(client: QueryClient, conversationId: string): void {
  const clear = (c: Conversation) => (c.id === conversationId && c.unreadCount ? { ...c, unreadCount: 0 } : c);
  client.setQueryData(keys.conversation(conversationId), (old: Conversation | undefined) => (old ? clear(old) : old));
  client.setQueriesData<InfiniteData<ConversationPage>>({ queryKey: keys.conversations }, (data) =>
    data?.pages ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(clear) })) } : data,
  );
}

/** Runs `task` once, `delayMs` after the last of a burst of calls. */
export function debounce(task: () => void, delayMs: number): { schedule(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(task, delayMs);
    },
    cancel: () => clearTimeout(timer),
  };
}
