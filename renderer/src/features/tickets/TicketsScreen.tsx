import type { User } from '../../../../shared/api/schemas';
import { useI18n } from '../../i18n/i18n';
import { useUi } from '../../state/ui';
import { TicketDetail } from './TicketDetail';
import { TicketList } from './TicketList';

export function TicketsScreen({ user }: { user: User }) {
  const { t } = useI18n();
  const selected = useUi((s) => s.selectedTicketId);
  return (
    <>
      <TicketList />
      {selected ? (
        <TicketDetail key={selected} ticketId={selected} user={user} />
      ) : (
        <section className="chat empty-chat">
          <p className="muted">{t('tickets.pick')}</p>
        </section>
      )}
    </>
  );
}
