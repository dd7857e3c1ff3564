import type { User } from '../../../../shared/api/schemas';
import { canSendTemplates } from '../../../../shared/domain/session';
import { useUi } from '../../state/ui';
import { ConversationView } from '../chat/ConversationView';
import { InboxList } from './InboxList';

export function InboxScreen({ user }: { user: User }) {
  const { selectedConversationId, draftContactId, selectConversation, openTicket } = useUi();
  return (
    <>
      <InboxList canStart={canSendTemplates(user.role)} />
      <ConversationView
        user={user}
        target={{ conversationId: selectedConversationId, draftContactId }}
        onOpenConversation={selectConversation}
        onOpenTicket={openTicket}
      />
    </>
  );
}
