import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';

/**
 * From the inbox, a template conversation gets a new ticket unless the agent picks one of the
 * contact's open tickets; the choice is shown only when there is one to pick.
 */
export function TicketChoice({ contactId, value, onChange }: { contactId: string; value: string; onChange(ticketId: string): void }) {
  const { t } = useI18n();
  const tickets = useQuery({
    queryKey: keys.contactTickets(contactId),
    queryFn: () => call(api().tickets.list({ contactId, status: ['open', 'pending'], limit: 20 })),
  });
  const items = tickets.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <label className="field">
      <span>{t('picker.ticket')}</span>
      <select data-testid="ticket-choice" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('picker.newTicket')}</option>
        {items.map((ticket) => (
          <option key={ticket.id} value={ticket.id}>
            {t('picker.ticketOption', { number: ticket.number, subject: ticket.subject })}
          </option>
        ))}
      </select>
      <small className="muted">{t('picker.ticketHint')}</small>
    </label>
  );
}
