import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ServerEvent } from '../../../shared/api/events';
import type { Conversation, Message } from '../../../shared/api/schemas';
import { upsertMessage } from '../features/chat/messagePages';
import { applyConversationChange, debounce, isCustomerMessage } from '../features/inbox/live';
import { useI18n } from '../i18n/i18n';
import { observeServerTime } from '../state/serverClock';
import { announce } from '../ui/live/announcer';
import { ArrivalAnnouncer, type Words } from '../ui/live/customerMessages';
import { useUi } from '../state/ui';
import { api, call } from './desktop';
import { keys } from './keys';

/** What follows a changed conversation besides the inbox: its contact, its ticket, the supervisor board. */
function invalidateAround(client: QueryClient, conversation: Conversation) {
  // The contact's session (who may send a template, until when) follows its conversation.
  void client.invalidateQueries({ queryKey: keys.contact(conversation.contactId) });
  // Its ticket too: a close files the transcript there, and the ticket shows the customer's session.
  if (conversation.ticketId) void client.invalidateQueries({ queryKey: keys.ticket(conversation.ticketId) });
  // Deadlines moved or a session ended: the supervisor board re-reads its list.
  void client.invalidateQueries({ queryKey: keys.expiring });
}

/** The conversation the user is looking at in the inbox, if any. */
const openConversation = () => {
  const ui = useUi.getState();
  return ui.section === 'inbox' ? ui.selectedConversationId : null;
};

/** Applies live server events to the react-query cache; resyncs everything after a reconnect. */
export function useServerEvents() {
  const client = useQueryClient();
  const wasOffline = useRef(false);
  const setConnection = useUi((s) => s.setConnection);
  // Whose inbox this is (the signed-in user, from the auth answer the shell was rendered for).
  const auth = useQuery({ queryKey: keys.auth, queryFn: () => call(api().auth.status()), staleTime: Infinity });
  const viewer = auth.data?.state === 'signedIn' ? auth.data.user : null;
  const viewerId = viewer?.id ?? '';
  const role = viewer?.role ?? 'agent';
  // Screen readers hear new customer messages, gathered (issue 19); in the words of the current language.
  const { t, tn } = useI18n();
  const words = useRef<Words>({ t, tn });
  words.current = { t, tn };

  useEffect(() => {
    // Tab counts after a burst of changes; lists that gained or lost rows re-read their pages.
    const views = debounce(() => void client.invalidateQueries({ queryKey: keys.inboxViews }), 400);
    const lists = debounce(() => void client.invalidateQueries({ queryKey: keys.conversations }), 1_500);
    const arrivals = new ArrivalAnnouncer(() => words.current, (text) => announce('polite', text));
    const change = (conversation: Conversation, message?: Message) => {
      invalidateAround(client, conversation);
      const openId = openConversation();
      if (applyConversationChange(client, { id: viewerId, role }, { conversation, message, openId })) lists.schedule();
      // The customer wrote into the conversation on screen: it is read as it arrives.
      if (openId === conversation.id && isCustomerMessage(message)) void api().conversations.read({ id: conversation.id });
      views.schedule();
    };
    const offEvent = api().on.server((event: ServerEvent) => {
      observeServerTime(event);
      switch (event.type) {
        case 'message.created':
          upsertMessage(client, event.conversation.id, event.message);
          change(event.conversation, event.message);
          if (isCustomerMessage(event.message)) arrivals.add({ conversation: event.conversation, message: event.message, open: openConversation() === event.conversation.id });
          break;
        case 'message.updated':
          upsertMessage(client, event.message.conversationId, event.message);
          break;
        case 'conversation.updated':
          change(event.conversation);
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
      views.cancel();
      lists.cancel();
      arrivals.cancel();
      offEvent();
      offConnection();
    };
  }, [client, setConnection, viewerId, role]);
}
