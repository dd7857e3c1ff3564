import { useInfiniteQuery, useQueries } from '@tanstack/react-query';
import { Fragment, useEffect, useRef, useState } from 'react';
import type { Conversation } from '../../../../shared/api/schemas';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { LoadError } from '../../ui/LoadError';
import { formatDateTime, startsDay } from '../../ui/time';
import { DayDivider } from './DayDivider';
import { MessageBubble } from './MessageBubble';

/** The line above an earlier conversation's messages: that it is an earlier one, and how and when it closed. */
function ConversationDivider({ conversation }: { conversation: Conversation }) {
  const { t, dateLocale } = useI18n();
  const date = conversation.closedAt ? formatDateTime(conversation.closedAt, dateLocale) : '';
  const closed = conversation.state !== 'closed' ? '' : t(`history.closed.${conversation.closedReason ?? 'generic'}`, { date });
  return (
    <li className="conversation-divider" role="separator" data-testid="earlier-conversation" data-conversation-id={conversation.id} aria-label={[t('history.earlier'), closed].filter(Boolean).join('. ')}>
      <span>
        <strong>{t('history.earlier')}</strong>
        {closed && <> · {closed}</>}
      </span>
    </li>
  );
}

/**
 * The contact's conversations before this one, loaded when the user scrolls up past its first
 * message (or presses the button there), oldest at the top, each under a divider, with day dividers.
 */
export function EarlierConversations({ conversation, userId, now }: { conversation: Conversation; userId: string; now: number }) {
  const { t } = useI18n();
  const [started, setStarted] = useState(false);
  const more = useRef<HTMLLIElement>(null);
  const history = useInfiniteQuery({
    queryKey: keys.contactHistory(conversation.contactId, conversation.id),
    queryFn: ({ pageParam }) => call(api().contacts.conversations({ contactId: conversation.contactId, before: pageParam, limit: 3 })),
    initialPageParam: conversation.id,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: started,
  });
  // Oldest first, as the chat reads.
  const earlier = (history.data?.pages.flatMap((p) => p.items) ?? []).filter((c) => c.id !== conversation.id).reverse();
  const messages = useQueries({
    queries: earlier.map((c) => ({ queryKey: keys.messages(c.id), queryFn: () => call(api().messages.list({ conversationId: c.id, limit: 200 })) })),
  });
  const canLoad = !started || (history.hasNextPage && !history.isFetchingNextPage);
  const load = () => (started ? void history.fetchNextPage() : setStarted(true));
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const target = more.current;
    if (!target || !canLoad || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadRef.current(), { root: target.closest('.messages') });
    observer.observe(target);
    return () => observer.disconnect();
  }, [canLoad]);

  const loading = history.isFetching || messages.some((m) => m.isPending);
  return (
    <>
      {canLoad && (
        <li ref={more} className="history-more">
          <button type="button" className="link" data-testid="history-more" onClick={load}>
            {t('history.more')}
          </button>
        </li>
      )}
      {started && loading && (
        <li className="history-more muted" role="status">
          {t('history.loading')}
        </li>
      )}
      {started && !history.hasNextPage && earlier.length > 0 && (
        <li className="history-start muted" data-testid="history-start">
          {t('history.start', { name: conversation.contact.name })}
        </li>
      )}
      {history.isError && (
        <li>
          <LoadError what="history.loadError" error={history.error} onRetry={() => void history.refetch()} />
        </li>
      )}
      {earlier.map((c, i) => {
        const items = messages[i]?.data?.items ?? [];
        return (
          <Fragment key={c.id}>
            <ConversationDivider conversation={c} />
            {items.map((m, j) => (
              <Fragment key={m.id}>
                {startsDay(m.createdAt, items[j - 1]?.createdAt) && <DayDivider at={m.createdAt} now={now} />}
                <MessageBubble message={m} userId={userId} historic />
              </Fragment>
            ))}
          </Fragment>
        );
      })}
    </>
  );
}
