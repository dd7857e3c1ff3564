import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { User } from '../../../../shared/api/schemas';
import { viewsFor } from '../../../../shared/domain/inbox';
import { canSendTemplates } from '../../../../shared/domain/session';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useUi } from '../../state/ui';
import { ConversationView } from '../chat/ConversationView';
import { InboxList } from './InboxList';
import { clearUnread } from './live';

/** Opening a conversation reads it: its badge goes at once, the tab counts follow the server. */
function useMarkRead(conversationId: string | null) {
  const client = useQueryClient();
  useEffect(() => {
    if (!conversationId) return;
    clearUnread(client, conversationId);
    call(api().conversations.read({ id: conversationId }))
      .then(() => client.invalidateQueries({ queryKey: keys.inboxViews }))
      .catch(() => undefined); // not worth an error on screen: the badge comes back at the next refetch
  }, [client, conversationId]);
}

export function InboxScreen({ user }: { user: User }) {
  const { selectedConversationId, draftContactId, inboxView, selectConversation, showInboxView, openTicket } = useUi();
  const views = viewsFor(user.role);
  const view = inboxView && views.includes(inboxView) ? inboxView : views[0]!;
  useMarkRead(selectedConversationId);
  return (
    <>
      <InboxList canStart={canSendTemplates(user.role)} user={user} views={views} view={view} onView={showInboxView} />
      <ConversationView
        user={user}
        target={{ conversationId: selectedConversationId, draftContactId }}
        onOpenConversation={selectConversation}
        onOpenTicket={openTicket}
      />
    </>
  );
}
