import { useInfiniteQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState, type CSSProperties, type Ref } from 'react';
import type { Conversation, ConversationView, User } from '../../../../shared/api/schemas';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { useDateLocale } from '../../i18n/date-locale';
import { useUi } from '../../state/ui';
import { LoadError } from '../../ui/LoadError';
import { StateBadge } from '../../ui/StateBadge';
import { relativeTime, useServerNow } from '../../ui/time';
import { PaperclipIcon } from '../chat/icons';
import { InboxTabs, PANEL_ID, tabId } from './InboxTabs';
import { readOpen, type Preview } from './live';
import { NewConversation } from './NewConversation';
import { useInboxRows } from './useInboxRows';
import '../../styles/lists.css';

interface RowProps {
  conversation: Conversation;
  userId: string;
  selected: boolean;
  focusable: boolean;
  onSelect(): void;
  /** Where the virtual list put it: its index (measured through rowRef) and its style. */
  index: number;
  /** How many rows the list has (-1 while more pages are to come). */
  setSize: number;
  rowRef: Ref<HTMLLIElement>;
  style: CSSProperties;
}

function Row({ conversation, userId, selected, focusable, onSelect, index, setSize, rowRef, style }: RowProps) {
  const { t, tn } = useI18n();
  const dateLocale = useDateLocale();
  const now = useServerNow(30_000);
  const last = conversation.lastMessage as Preview | null;
  const unread = conversation.unreadCount ?? 0;
  // In a chatbot flow the outbound messages are the chatbot's; "You:" only on what this user sent
  // (the list does not say who wrote the preview: only live events do, so otherwise no prefix).
  const outboundPreview = (text: string) =>
    conversation.state === 'bot' ? `${t('chat.bot')}: ${text}` : last?.authorId === userId ? t('inbox.you', { text }) : text;
  // A photo or file sent without a caption: the preview has no text, so it says what it is.
  const fileOnly = last?.kind === 'media' && last.text.trim() === '';
  const text = fileOnly ? t('inbox.attachment') : (last?.text ?? '');
  const preview = !last ? t('inbox.noMessages') : last.direction === 'outbound' ? outboundPreview(text) : text;
  return (
    <li
      ref={rowRef}
      data-index={index}
      style={style}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      tabIndex={focusable ? 0 : -1}
      data-testid="conversation-row"
      data-conversation-id={conversation.id}
      className={`row${selected ? ' selected' : ''}${unread ? ' has-unread' : ''}`}
      data-unread={unread}
      onClick={onSelect}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect())}
    >
      <div className="row-top">
        <span className="row-name">{conversation.contact.name}</span>
        {conversation.lastMessageAt && (
          <time className="row-time" dateTime={conversation.lastMessageAt}>
            {relativeTime(Date.parse(conversation.lastMessageAt), now, dateLocale)}
          </time>
        )}
      </div>
      <div className="row-bottom">
        <span className="row-preview" data-testid="row-preview" data-kind={last?.kind}>
          {fileOnly && (
            <span className="row-preview-icon">
              <PaperclipIcon />
            </span>
          )}
          {preview.split('\n')[0]}
        </span>
        {unread > 0 && (
          <span className="unread-badge" data-testid="row-unread" aria-label={tn('inbox.unread', unread)}>
            {unread}
          </span>
        )}
        <StateBadge state={conversation.state} />
      </div>
    </li>
  );
}

interface Props {
  canStart: boolean;
  user: Pick<User, 'id'>;
  /** The role's views (tabs) and the one shown. */
  views: readonly ConversationView[];
  view: ConversationView;
  onView(view: ConversationView): void;
}

export function InboxList({ canStart, user, views, view, onView }: Props) {
  const { t } = useI18n();
  const { selectedConversationId, selectConversation } = useUi();
  const [q, setQ] = useState('');
  const [starting, setStarting] = useState(false);
  const query = useDeferredValue(q.trim());
  const list = useInfiniteQuery({
    queryKey: keys.conversationList({ view, q: query }),
    queryFn: async ({ pageParam }) => readOpen(await call(api().conversations.list({ view, q: query || undefined, cursor: pageParam, limit: 50 })), useUi.getState().selectedConversationId),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const rows = useInboxRows({ items, selectedId: selectedConversationId, select: selectConversation, list });


  return (
    <section className="inbox" aria-label={t('inbox.title')} data-testid="inbox-list">
      <div className="inbox-head">
        <div className="inbox-title">
          <h2>{t('inbox.title')}</h2>
          {canStart && (
            <button
              type="button"
              className="primary icon"
              data-testid="new-conversation-button"
              aria-label={t('newConversation.button')}
              title={t('newConversation.button')}
              onClick={() => setStarting(true)}
            >
              <span aria-hidden="true">+</span>
            </button>
          )}
        </div>
        <input
          type="search"
          className="search"
          placeholder={t('inbox.search')}
          aria-label={t('inbox.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <InboxTabs views={views} current={view} onChange={onView} />
      </div>
      <div className="inbox-panel" role="tabpanel" id={PANEL_ID} aria-labelledby={tabId(view)}>
        {list.isPending ? (
          <ul className="skeleton" aria-busy="true" aria-label={t('app.loading')}>
            {[0, 1, 2, 3, 4].map((i) => (
              <li key={i} />
            ))}
          </ul>
        ) : list.isError ? (
          <LoadError what="inbox.loadError" error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <div className="state-box" data-testid="inbox-empty">
            <p>{query ? t('inbox.emptySearch', { q: query }) : t(`inbox.emptyView.${view}`)}</p>
          </div>
        ) : (
          <div className="rows-scroller" ref={rows.scrollRef}>
            <ul className="rows" role="listbox" aria-label={t('inbox.title')} onKeyDown={rows.onKeyDown} style={{ height: rows.height }}>
              {rows.virtual.map(({ index, start }) => {
                const c = items[index]!;
                return (
                  <Row
                    key={c.id}
                    index={index}
                    setSize={list.hasNextPage ? -1 : items.length}
                    rowRef={rows.measure}
                    style={{ transform: `translateY(${start}px)` }}
                    conversation={c}
                    userId={user.id}
                    selected={c.id === selectedConversationId}
                    focusable={c.id === selectedConversationId || (!selectedConversationId && index === 0)}
                    onSelect={() => selectConversation(c.id)}
                  />
                );
              })}
            </ul>
            {list.isFetchingNextPage && (
              <p className="rows-loading muted" role="status">
                {t('app.loading')}
              </p>
            )}
          </div>
        )}
      </div>
      {starting && <NewConversation onClose={() => setStarting(false)} />}
    </section>
  );
}
