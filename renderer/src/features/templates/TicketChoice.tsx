import { useQuery } from '@tanstack/react-query';
import type { TicketSummaryItem } from '../../../../shared/api/tickets';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';

/** The contact's open and pending tickets, newest first as the server lists them. */
export function useOpenTickets(contactId: string, enabled = true) {
  return useQuery({
    queryKey: keys.contactTickets(contactId),
    queryFn: () => call(api().tickets.list({ contactId, status: ['open', 'pending'], limit: 20 })),
    enabled,
  });
}

/** The ticket a new conversation should go to unless the agent says otherwise: an open one first, else a pending one. */
export function preferredTicket<T extends Pick<TicketSummaryItem, 'status'>>(items: readonly T[]): T | null {
  return items.find((t) => t.status === 'open') ?? items[0] ?? null;
}

/**
 * From the inbox, a template conversation goes to the contact's open ticket (preselected) or,
 * if the agent picks it, a new ticket; the choice is shown only when there is a ticket to pick.
 */
export function TicketChoice({ contactId, value, onChange }: { contactId: string; value: string; onChange(ticketId: string): void }) {
  const { t } = useI18n();
  const items = useOpenTickets(contactId).data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <label className="field">
      <span>{t('picker.ticket')}</span>
      <select data-testid="ticket-choice" value={value} onChange={(e) => onChange(e.target.value)}>
        {items.map((ticket) => (
          <option key={ticket.id} value={ticket.id}>
            {t('picker.ticketOption', { number: ticket.number, subject: ticket.subject })}
          </option>
        ))}
        <option value="">{t('picker.newTicket')}</option>
      </select>
      <small className="muted">{t('picker.ticketHint')}</small>
    </label>
  );
}
