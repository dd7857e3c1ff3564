import type { TimelineEntry } from '../../../../shared/api/tickets';
import { templateTitle } from '../../../../shared/domain/template-title';
import { useI18n } from '../../i18n/i18n';
import { useDateLocale } from '../../i18n/date-locale';
import { AttachmentView } from '../chat/AttachmentView';
import { formatDateTime } from '../../ui/time';

/** Notes and chat actions, oldest first; each chat action folds out to its transcript. */
export function Timeline({ entries, chatOpen, onOpenConversation }: { entries: TimelineEntry[]; chatOpen: boolean; onOpenConversation(id: string): void }) {
  const { t, tn } = useI18n();
  const dateLocale = useDateLocale();
  // Empty, with or without the ticket's conversation open beside: say what will come here, and when.
  if (entries.length === 0) return <p className="muted" data-testid="timeline-empty">{t(chatOpen ? 'ticket.emptyTimelineChat' : 'ticket.emptyTimeline')}</p>;
  const when = (iso: string) => formatDateTime(iso, dateLocale);
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((entry) =>
        entry.kind === 'note' ? (
          <li key={entry.id} className="entry note" data-testid="timeline-note">
            <div className="entry-head">
              <strong>{t('ticket.note', { name: entry.author?.name ?? '' })}</strong>
              <time dateTime={entry.createdAt}>{when(entry.createdAt)}</time>
            </div>
            <p>{entry.body.text}</p>
          </li>
        ) : (
          <li key={entry.id} className="entry chat-action" data-testid="chat-action" data-reason={entry.body.closedReason}>
            <div className="entry-head">
              <strong>
                {entry.body.closedBy.type === 'user'
                  ? t('ticket.closedByAgent', { name: entry.body.closedBy.name })
                  : t('ticket.chatAction', { reason: t(`reason.${entry.body.closedReason}`) })}
              </strong>
              <time dateTime={entry.createdAt}>{when(entry.createdAt)}</time>
            </div>
            <details>
              <summary>{tn('ticket.transcript', entry.body.transcript.length)}</summary>
              <ul className="transcript">
                {entry.body.transcript.map((m, i) => (
                  <li key={i} className={m.direction} data-testid="transcript-entry">
                    <span className="who">{m.direction === 'inbound' ? t('chat.customer') : (m.author ?? t('chat.bot'))}</span>
                    <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
                    {m.template && <span className="template-tag">{t('chat.templateTag', { name: templateTitle(m.template.name) })}</span>}
                    {m.attachments.length > 0 && (
                      <div className="transcript-files">
                        {m.attachments.map((a) => (
                          // A file still on its way when the conversation closed has arrived since, or failed: ask for it.
                          <AttachmentView key={a.id} attachment={a.state === 'pending' ? { ...a, state: 'ready' } : a} caption={m.text} />
                        ))}
                      </div>
                    )}
                    {m.text && <p>{m.text}</p>}
                  </li>
                ))}
              </ul>
            </details>
            <button type="button" className="link" onClick={() => onOpenConversation(entry.body.conversationId)}>
              {t('ticket.openConversation')}
            </button>
          </li>
        ),
      )}
    </ol>
  );
}
