import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';

/** "Ticket #1004": the conversation's linked ticket, one click away. */
export function TicketLink({ ticketId, onOpen }: { ticketId: string; onOpen(id: string): void }) {
  const { t } = useI18n();
  const ticket = useQuery({ queryKey: keys.ticket(ticketId), queryFn: () => call(api().tickets.get({ id: ticketId })) });
  return (
    <button type="button" className="link" data-testid="ticket-link" onClick={() => onOpen(ticketId)}>
      {t('ticket.link', { number: ticket.data?.number ?? '…' })}
    </button>
  );
}
