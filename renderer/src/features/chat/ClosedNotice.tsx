import { useQuery } from '@tanstack/react-query';
import type { Conversation } from '../../../../shared/api/schemas';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';

/** Why and how the conversation closed, and which ticket holds its history. */
export function ClosedNotice({ conversation }: { conversation: Conversation }) {
  const { t } = useI18n();
  const ticket = useQuery({
    queryKey: keys.ticket(conversation.ticketId ?? ''),
    queryFn: () => call(api().tickets.get({ id: conversation.ticketId! })),
    enabled: conversation.ticketId !== null,
  });
  const reason = conversation.closedReason;
  const number = ticket.data?.number ?? '…';
  const action = ticket.data?.timeline.find((e) => e.kind === 'chat_action' && e.body.conversationId === conversation.id);
  const closer = action?.kind === 'chat_action' && action.body.closedBy.type === 'user' ? action.body.closedBy.name : '';
  return (
    <p className="closed-notice" data-testid="closed-notice" data-reason={reason ?? ''} role="status">
      {reason === 'agent' ? t('closed.agent', { name: closer }) : reason ? t(`closed.${reason}`, { number }) : t('closed.generic')}
    </p>
  );
}
