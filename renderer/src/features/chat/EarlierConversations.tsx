import { useInfiniteQuery, useQueries, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { Conversation, Message, MessageList } from '../../../../shared/api/schemas';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { useDateLocale } from '../../i18n/date-locale';
import { LoadError } from '../../ui/LoadError';
import { formatDateTime } from '../../ui/time';

/** The line above an earlier conversation's messages: that it is an earlier one, and how and when it closed. */
export function ConversationDivider({ conversation }: { conversation: Conversation }) {
  const { t } = useI18n();
  const dateLocale = useDateLocale();
  const date = conversation.closedAt ? formatDateTime(conversation.closedAt, dateLocale) : '';
  const closed = conversation.state !== 'closed' ? '' : t(`history.closed.${conversation.closedReason ?? 'generic'}`, { date });
  return (
    <div className="conversation-divider" role="separator" data-testid="earlier-conversation" data-conversation-id={conversation.id} aria-label={[t('history.earlier'), closed].filter(Boolean).join('. ')}>
      <span>
        <strong>{t('history.earlier')}</strong>
        {closed && <> · {closed}</>}
      </span>
    </div>
  );
}

export interface EarlierConversation {
  conversation: Conversation;
  messages: Message[];
}

export type EarlierHistory = ReturnType<typeof useEarlierConversations>;

/**
 * The contact's conversations before this one, loaded when the user scrolls up past its first
 * message (or presses the button there), oldest first, each with its messages.
 */
export function useEarlierConversations(conversation: Conversation | null) {
  const [started, setStarted] = useState(false);
  const history = useInfiniteQuery({
    queryKey: keys.contactHistory(conversation?.contactId ?? '', conversation?.id ?? ''),
    queryFn: ({ pageParam }) => call(api().contacts.conversations({ contactId: conversation!.contactId, before: pageParam, limit: 3 })),
    initialPageParam: conversation?.id,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: started && conversation !== null,
  });
  // Oldest first, as the chat reads; the same arrays while nothing changed (the chat's rows are built from them).
  const earlier = useMemo(() => (history.data?.pages.flatMap((p) => p.items) ?? []).filter((c) => c.id !== conversation?.id).reverse(), [history.data, conversation?.id]);
  const combine = useCallback(
    (results: UseQueryResult<MessageList>[]) => ({
      conversations: earlier.map((c, i): EarlierConversation => ({ conversation: c, messages: results[i]?.data?.items ?? [] })),
      pending: results.some((r) => r.isPending),
    }),
    [earlier],
  );
  const messages = useQueries({
    queries: earlier.map((c) => ({ queryKey: keys.messages(c.id), queryFn: () => call(api().messages.list({ conversationId: c.id, limit: 200 })) })),
    combine,
  });
  const canLoad = conversation !== null && (!started || (history.hasNextPage && !history.isFetchingNextPage));
  return {
    conversations: messages.conversations,
    canLoad,
    load: () => (started ? void history.fetchNextPage() : setStarted(true)),
    loading: started && (history.isFetching || messages.pending),
    /** Every earlier conversation is on screen. */
    atStart: started && !history.hasNextPage && earlier.length > 0,
    error: history.isError ? history.error : null,
    retry: () => void history.refetch(),
  };
}

/** The top of the chat: the button to earlier conversations, their loading, or where the contact's history starts. */
export function HistoryTop({ history, contactName }: { history: EarlierHistory; contactName: string }) {
  const { t } = useI18n();
  return (
    <>
      {history.canLoad && (
        <div className="history-more">
          <button type="button" className="link" data-testid="history-more" onClick={history.load}>
            {t('history.more')}
          </button>
        </div>
      )}
      {history.loading && (
        <div className="history-more muted" role="status">
          {t('history.loading')}
        </div>
      )}
      {history.atStart && (
        <div className="history-start muted" data-testid="history-start">
          {t('history.start', { name: contactName })}
        </div>
      )}
      {history.error && <LoadError what="history.loadError" error={history.error} onRetry={history.retry} />}
    </>
  );
}
