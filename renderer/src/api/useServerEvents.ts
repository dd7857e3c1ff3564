import { useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ServerEvent } from '../../../shared/api/events';
import type { Conversation, ConversationPage, Message, MessageList } from '../../../shared/api/schemas';
import { observeServerTime } from '../state/serverClock';
import { useUi } from '../state/ui';
import { api } from './desktop';
import { keys } from './keys';

function upsertMessage(list: MessageList | undefined, message: Message): MessageList | undefined {
  if (!list) return list;
  const index = list.items.findIndex((m) => m.id === message.id);
  const items = index === -1 ? [...list.items, message] : list.items.map((m, i) => (i === index ? message : m));
  return { ...list, items };
}

const activity = (c: Conversation) => (c.lastMessageAt ? Date.parse(c.lastMessageAt) : 0);

/** Puts the changed conversation into every cached inbox page, newest activity first. */
function upsertConversation(client: QueryClient, conversation: Conversation) {
  // The contact's session (who may send a template, until when) follows its conversation.
  void client.invalidateQueries({ queryKey: keys.contact(conversation.contactId) });
  // Its ticket too: a close files the transcript there, and the ticket shows the customer's session.
  if (conversation.ticketId) void client.invalidateQueries({ queryKey: keys.ticket(conversation.ticketId) });
  // Deadlines moved or a session ended: the supervisor board re-reads its list.
  void client.invalidateQueries({ queryKey: keys.expiring });
  client.setQueryData(keys.conversation(conversation.id), (old: Conversation | undefined) => (old ? { ...old, ...conversation } : old));
  client.setQueriesData<InfiniteData<ConversationPage>>({ queryKey: keys.conversations }, (data) => {
    if (!data?.pages) return data;
    const pages = data.pages.map((page) => ({ ...page, items: page.items.filter((c) => c.id !== conversation.id) }));
    const first = pages[0];
    if (first) first.items = [conversation, ...first.items].sort((a, b) => activity(b) - activity(a));
    return { ...data, pages };
  });
}

/** Applies live server events to the react-query cache; resyncs everything after a reconnect. */
export function useServerEvents() {
  const client = useQueryClient();
  const wasOffline = useRef(false);
  const setConnection = useUi((s) => s.setConnection);

  useEffect(() => {
    const offEvent = api().on.server((event: ServerEvent) => {
      observeServerTime(event);
      switch (event.type) {
        case 'message.created':
          client.setQueryData(keys.messages(event.conversation.id), (list: MessageList | undefined) => upsertMessage(list, event.message));
          upsertConversation(client, event.conversation);
          break;
        case 'message.updated':
          client.setQueryData(keys.messages(event.message.conversationId), (list: MessageList | undefined) => upsertMessage(list, event.message));
          break;
        case 'conversation.updated':
          upsertConversation(client, event.conversation);
          break;
      }
    });
    const offConnection = api().on.connection(({ state }) => {
      setConnection(state);
      if (state === 'offline') wasOffline.current = true;
      if (state === 'online' && wasOffline.current) {
        wasOffline.current = false;
        void client.invalidateQueries();
      }
    });
    // The stream may have connected before this screen subscribed: ask where it stands now.
    void api()
      .connection.status()
      .then((result) => {
        if (result.ok && useUi.getState().connection === 'connecting') setConnection(result.data.state);
      });
    return () => {
      offEvent();
      offConnection();
    };
  }, [client, setConnection]);
}
