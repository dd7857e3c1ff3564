import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { User } from '../../../../shared/api/schemas';
import type { Ticket } from '../../../../shared/api/tickets';
import { canSendTemplates } from '../../../../shared/domain/session';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { LoadError } from '../../ui/LoadError';
import { ConversationView, type ChatTarget } from '../chat/ConversationView';
import { CustomerPanel } from './CustomerPanel';
import { Timeline } from './Timeline';

const STATUSES: Ticket['status'][] = ['open', 'pending', 'solved', 'closed'];

/** One ticket: the customer column with the WhatsApp button, the timeline, notes, and the linked chat beside. */
export function TicketDetail({ ticketId, user }: { ticketId: string; user: User }) {
  const { t, errorText } = useI18n();
  const client = useQueryClient();
  const ticket = useQuery({ queryKey: keys.ticket(ticketId), queryFn: () => call(api().tickets.get({ id: ticketId })) });
  const [chat, setChat] = useState<ChatTarget | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => setChat(null), [ticketId]);
  const saved = (next: Ticket) => {
    client.setQueryData(keys.ticket(ticketId), next);
    void client.invalidateQueries({ queryKey: keys.tickets });
  };
  const update = useMutation({ mutationFn: (status: Ticket['status']) => call(api().tickets.update({ id: ticketId, status })), onSuccess: saved });
  const addNote = useMutation({
    mutationFn: (text: string) => call(api().tickets.addNote({ id: ticketId, text })),
    onSuccess: (next) => {
      setNote('');
      saved(next);
    },
  });
  if (ticket.isPending) return <section className="ticket-detail muted" role="status">{t('app.loading')}</section>;
  if (ticket.isError) return <section className="ticket-detail"><LoadError what="tickets.loadError" error={ticket.error} onRetry={() => void ticket.refetch()} /></section>;
  const data = ticket.data;
  const mayEdit = canSendTemplates(user.role);
  const openWhatsApp = () => {
    const session = data.customer.session;
    setChat(session.conversationId ? { conversationId: session.conversationId, draftContactId: null } : { conversationId: null, draftContactId: data.customer.id, ticketId });
  };
  const submitNote = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim() && !addNote.isPending) addNote.mutate(note.trim());
  };

  return (
    <section className={chat ? 'ticket-detail with-chat' : 'ticket-detail'} data-testid="ticket-detail" aria-label={`#${data.number} ${data.subject}`}>
      <CustomerPanel customer={data.customer} user={user} onWhatsApp={openWhatsApp} />
      <div className="ticket-main">
        <header className="ticket-head">
          <h2>
            #{data.number} {data.subject}
          </h2>
          <label>
            <span className="sr-only">{t('ticket.statusLabel')}</span>
            <select aria-label={t('ticket.statusLabel')} value={data.status} disabled={!mayEdit || update.isPending} onChange={(e) => update.mutate(e.target.value as Ticket['status'])}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`ticket.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </header>
        {update.error && <p className="error" role="alert">{errorText(appErrorOf(update.error))}</p>}
        <h3>{t('ticket.timeline')}</h3>
        <Timeline entries={data.timeline} chatOpen={chat !== null} onOpenConversation={(id) => setChat({ conversationId: id, draftContactId: null })} />
        {mayEdit && (
          <form className="note-form" onSubmit={submitNote}>
            <label className="field">
              <span>{t('ticket.addNote')}</span>
              <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            {addNote.error && <p className="error" role="alert">{errorText(appErrorOf(addNote.error))}</p>}
            <button type="submit" disabled={!note.trim() || addNote.isPending}>
              {t('ticket.saveNote')}
            </button>
          </form>
        )}
      </div>
      {chat && (
        <ConversationView
          user={user}
          target={chat}
          onOpenConversation={(id) => {
            setChat({ conversationId: id, draftContactId: null });
            void ticket.refetch();
          }}
        />
      )}
    </section>
  );
}
