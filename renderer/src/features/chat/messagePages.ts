/**
 * The open chat's messages in pages of the cursor API (issue 15): the newest page first, older
 * ones with `before=` as the agent scrolls up; live events put a message into whichever page
 * holds it (or the newest one), and into a plain message list cached for the same conversation.
 */
import { useInfiniteQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Message, MessageList } from '../../../../shared/api/schemas';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';

const PAGE = 100;

export function useMessagePages(conversationId: string | null) {
  const query = useInfiniteQuery({
    queryKey: keys.messagePages(conversationId ?? ''),
    queryFn: ({ pageParam }) => call(api().messages.list({ conversationId: conversationId!, before: pageParam, limit: PAGE })),
    initialPageParam: undefined as string | undefined,
    // A full page may have older messages before its first one; a shorter one is the start.
    getNextPageParam: (page) => (page.items.length >= PAGE ? page.items[0]?.id : undefined),
    enabled: conversationId !== null,
  });
  // Oldest first, as the chat reads.
  const items = useMemo(() => (query.data?.pages ?? []).toReversed().flatMap((page) => page.items), [query.data]);
  return { query, items };
}

/** The first page of a conversation that was just started with this message. */
export function seedMessagePages(client: QueryClient, conversationId: string, list: MessageList): void {
  client.setQueryData<InfiniteData<MessageList, string | undefined>>(keys.messagePages(conversationId), { pages: [list], pageParams: [undefined] });
}

function upsert(items: Message[], message: Message): Message[] | null {
  const index = items.findIndex((m) => m.id === message.id);
  return index === -1 ? null : items.map((m, i) => (i === index ? message : m));
}

/** A message created or changed (a live event): replaced where it is, or added as the newest. */
export function upsertMessage(client: QueryClient, conversationId: string, message: Message): void {
  client.setQueryData(keys.messages(conversationId), (list: MessageList | undefined) => list && { ...list, items: upsert(list.items, message) ?? [...list.items, message] });
  client.setQueryData(keys.messagePages(conversationId), (data: InfiniteData<MessageList, string | undefined> | undefined) => {
    if (!data?.pages.length) return data;
    for (const [i, page] of data.pages.entries()) {
      const items = upsert(page.items, message);
      if (items) return { ...data, pages: data.pages.with(i, { ...page, items }) };
    }
    const [newest, ...older] = data.pages;
    return { ...data, pages: [{ ...newest!, items: [...newest!.items, message] }, ...older] };
  });
}
