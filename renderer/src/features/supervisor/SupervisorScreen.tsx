import type { User } from '../../../../shared/api/schemas';
import { useI18n } from '../../i18n/i18n';
import { useUi } from '../../state/ui';
import { ConversationView } from '../chat/ConversationView';
import { SupervisorBoard } from './SupervisorBoard';

/** The board beside the picked session's conversation, read-only for supervisors. */
export function SupervisorScreen({ user }: { user: User }) {
  const { t } = useI18n();
  const { boardConversationId, openOnBoard, openTicket } = useUi();
  return (
    <>
      <SupervisorBoard />
      {boardConversationId ? (
        <ConversationView
          key={boardConversationId}
          user={user}
          target={{ conversationId: boardConversationId, draftContactId: null }}
          onOpenConversation={openOnBoard}
          onOpenTicket={openTicket}
        />
      ) : (
        <section className="chat empty-chat">
          <p className="muted">{t('supervisor.pick')}</p>
        </section>
      )}
    </>
  );
}
