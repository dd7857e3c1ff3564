import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { useUi } from '../../state/ui';
import { StateBadge } from '../../ui/StateBadge';
import { MessageBubble } from './MessageBubble';

/** The open conversation: header, messages oldest first, live updates through the query cache. */
export function ConversationView() {
  const { t, errorText } = useI18n();
  const id = useUi((s) => s.selectedConversationId);
  const conversation = useQuery({
    queryKey: keys.conversation(id ?? ''),
    queryFn: () => call(api().conversations.get({ id: id! })),
    enabled: id !== null,
  });
  const messages = useQuery({
    queryKey: keys.messages(id ?? ''),
    queryFn: () => call(api().messages.list({ conversationId: id!, limit: 200 })),
    enabled: id !== null,
  });
  const end = useRef<HTMLLIElement>(null);
  const count = messages.data?.items.length ?? 0;
  useEffect(() => {
    // Braces matter: scrollIntoView may return a promise, which React would take for a cleanup.
    void end.current?.scrollIntoView({ block: 'end' });
  }, [count, id]);

  if (!id) {
    return (
      <section className="chat empty-chat">
        <p className="muted">{t('chat.pick')}</p>
      </section>
    );
  }
  const c = conversation.data;
  return (
    <section className="chat" data-testid="conversation-view" aria-label={c?.contact.name ?? t('chat.messages')}>
      <header className="chat-head">
        {c ? (
          <>
            <div>
              <h2>{c.contact.name}</h2>
              <span className="muted">{c.contact.phone}</span>
            </div>
            <div className="chat-head-side">
              <StateBadge state={c.state} />
              <span className="muted">{c.assignee ? t('chat.assignedTo', { name: c.assignee.name }) : t('chat.unassigned')}</span>
            </div>
          </>
        ) : (
          <div className="skeleton-line" aria-busy="true" />
        )}
      </header>
      {/* The 24-hour window banner and the composer (issue 4) go around this list. */}
      <div className="messages" aria-live="polite">
        {messages.isPending ? (
          <p className="muted" role="status">{t('app.loading')}</p>
        ) : messages.isError ? (
          <div className="state-box" role="alert">
            <p>{t('chat.loadError')}</p>
            <p className="muted">{errorText(appErrorOf(messages.error))}</p>
            <button type="button" onClick={() => void messages.refetch()}>
              {t('common.retry')}
            </button>
          </div>
        ) : count === 0 ? (
          <p className="muted">{t('chat.empty')}</p>
        ) : (
          <ul aria-label={t('chat.messages')}>
            {messages.data.items.map((m) => (
              <MessageBubble key={m.id} message={m} />
            ))}
            <li ref={end} className="end" aria-hidden="true" />
          </ul>
        )}
      </div>
    </section>
  );
}
