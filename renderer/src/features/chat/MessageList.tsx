/**
 * The chat's messages as a virtual list (issue 15): only the rows in view (and a few around them)
 * are in the page, each measured as shown (photos, long texts). It opens at the newest message;
 * scrolling near the top loads older messages (`before=`), then the contact's earlier
 * conversations, and what the agent was reading stays where it was. A new message at the bottom is
 * followed only when the agent was at the bottom (or sent it).
 */
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Conversation } from '../../../../shared/api/schemas';
import { useI18n } from '../../i18n/i18n';
import { LoadError } from '../../ui/LoadError';
import { chatRows, estimateRow, type ChatRow } from './chatRows';
import { ClosedNotice } from './ClosedNotice';
import { DayDivider } from './DayDivider';
import { ConversationDivider, HistoryTop, useEarlierConversations } from './EarlierConversations';
import { MessageBubble } from './MessageBubble';
import type { useMessagePages } from './messagePages';
import { useStayAtEnd } from './stayAtEnd';
import '../../styles/lists.css';

/** Load more above when the view's top is this close (px) to the list's top. */
const NEAR_TOP = 400;
/** A view this close (px) to the list's end is at the newest message. */
const AT_END = 80;

interface Props {
  conversation: Conversation | null;
  pages: ReturnType<typeof useMessagePages>;
  userId: string;
  now: number;
}

export function MessageList({ conversation, pages, userId, now }: Props) {
  const { t } = useI18n();
  const { query, items } = pages;
  const history = useEarlierConversations(conversation);
  const rows = useMemo(() => chatRows({ earlier: history.conversations, messages: items, conversation }), [history.conversations, items, conversation]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const anchor = useRef<Anchor | null>(null);
  const before = anchor.current;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: useCallback((index: number) => estimateRow(rows[index]), [rows]),
    getItemKey: useCallback((index: number) => rows[index]!.key, [rows]),
    overscan: 6,
    gap: 8,
    paddingStart: 16,
    paddingEnd: 16,
    // Rows added above keep the visible one in place; new ones below are followed only from the bottom.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: AT_END,
    useFlushSync: false,
  });

  // Open at the newest message; only then does being near the top mean "load older".
  const [opened, setOpened] = useState(false);
  const shown = items.length > 0;
  useLayoutEffect(() => {
    if (!shown) return;
    virtualizer.scrollToEnd();
    const frame = requestAnimationFrame(() => setOpened(true));
    return () => cancelAnimationFrame(frame);
  }, [shown, virtualizer]);

  useStayAtEnd(scrollRef, useCallback(() => virtualizer.scrollToEnd(), [virtualizer]), AT_END);

  // Rows added above (older messages, earlier conversations): the message read keeps its place.
  useLayoutEffect(() => keepInPlace(virtualizer, rows, before), [rows]);

  // The agent's own new message is shown even when they had scrolled up.
  const last = rows.at(-1);
  const sentByMe = last?.kind === 'message' && last.message.direction === 'outbound' && last.message.author?.id === userId;
  const lastKey = last?.key;
  useEffect(() => {
    if (sentByMe) virtualizer.scrollToEnd();
  }, [lastKey, sentByMe, virtualizer]);

  const nearTop = opened && (virtualizer.scrollOffset ?? 0) <= NEAR_TOP;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadHistory = useRef(history.load);
  loadHistory.current = history.load;
  useEffect(() => {
    if (!nearTop) return;
    if (hasNextPage) {
      if (!isFetchingNextPage) void fetchNextPage();
    } else if (history.canLoad) loadHistory.current();
  }, [nearTop, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage, history.canLoad]);
  anchor.current = firstInView(virtualizer, rows);

  const top = hasNextPage ? (
    <div className="history-more muted" role="status">
      {isFetchingNextPage ? t('history.loading') : null}
    </div>
  ) : conversation ? (
    <HistoryTop history={history} contactName={conversation.contact.name} />
  ) : null;

  return (
    <div className="messages" ref={scrollRef}>
      {query.isPending ? (
        <p className="muted" role="status">{t('app.loading')}</p>
      ) : query.isError ? (
        <LoadError what="chat.loadError" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <>
          <p className="muted">{t('chat.empty')}</p>
          {conversation?.state === 'closed' && <ClosedNotice conversation={conversation} />}
        </>
      ) : (
        <ul className="message-rows" aria-label={t('chat.messages')} style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map(({ index, start }) => {
            const row = rows[index]!;
            return (
              <li key={row.key} data-index={index} ref={virtualizer.measureElement} className={`chat-row chat-row-${row.kind}`} style={{ transform: `translateY(${start}px)` }}>
                <Row row={row} top={top} userId={userId} now={now} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

interface Anchor {
  key: ChatRow['key'];
  index: number;
  /** Its top, less the view's. */
  delta: number;
}

/** The first message in view, and where. */
function firstInView(virtualizer: Virtualizer<HTMLDivElement, Element>, rows: readonly ChatRow[]): Anchor | null {
  const offset = virtualizer.scrollOffset ?? 0;
  const item = virtualizer.getVirtualItems().find((v) => rows[v.index]?.kind === 'message' && v.end > offset);
  return item ? { key: rows[item.index]!.key, index: item.index, delta: item.start - offset } : null;
}

/**
 * The list keeps the row at the view's top in place by itself (anchorTo 'end'), unless that row is
 * the history's top (which stays first) or a day divider that moved up with its day: then the
 * first message in view is put back where it was.
 */
function keepInPlace(virtualizer: Virtualizer<HTMLDivElement, Element>, rows: readonly ChatRow[], before: Anchor | null): void {
  if (!before) return;
  const index = rows.findIndex((r) => r.key === before.key);
  const start = virtualizer.measurementsCache[index]?.start;
  if (index > before.index && start !== undefined) virtualizer.scrollToOffset(start - before.delta);
}

function Row({ row, top, userId, now }: { row: ChatRow; top: ReactNode; userId: string; now: number }) {
  switch (row.kind) {
    case 'top':
      return top;
    case 'earlier':
      return <ConversationDivider conversation={row.conversation} />;
    case 'day':
      return <DayDivider at={row.at} now={now} />;
    case 'closed':
      return <ClosedNotice conversation={row.conversation} />;
    case 'message':
      return <MessageBubble message={row.message} userId={userId} historic={row.historic} replyTo={row.replyTo} />;
  }
}
