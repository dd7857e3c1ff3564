/**
 * The inbox's virtual rows (issue 15): only the rows in view (and a few around them) are in the
 * page, whatever number of conversations is loaded; the next page of the cursor API is fetched as
 * the list nears its end (no button); arrows, Home and End move the selection and scroll it into
 * view; the selected row stays in the page (focus is kept) while it is out of view or moves on a
 * live event; a row added above while the agent is scrolled down does not move what they read.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { Conversation } from '../../../../shared/api/schemas';
import { nextActive } from '../../ui/listKeys';

/** A two-line row; each row is measured once shown, this only places the ones not yet seen. */
const ROW_ESTIMATE = 66;
/** Fetch the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 10;
const estimateRow = () => ROW_ESTIMATE;

interface Paging {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): unknown;
}

interface Options {
  items: readonly Conversation[];
  selectedId: string | null;
  select(id: string): void;
  list: Paging;
}

export function useInboxRows({ items, selectedId, select, list }: Options) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const selectedIndex = selectedId ? items.findIndex((c) => c.id === selectedId) : -1;
  // The selected (focusable) row is always rendered, so focus and Tab reach it wherever it is.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return selectedIndex < 0 || indexes.includes(selectedIndex) ? indexes : [...indexes, selectedIndex].sort((a, b) => a - b);
    },
    [selectedIndex],
  );
  // Scrolled down: keep the row at the top of the view where it is when rows come or go above it
  // (anchorTo 'end'); at the top: show what arrives there.
  const scrolled = useRef(false);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateRow,
    // Stable while the rows are: a new one makes the list re-place every row (10,000 of them).
    getItemKey: useCallback((index: number) => items[index]!.id, [items]),
    overscan: 6,
    rangeExtractor,
    anchorTo: scrolled.current ? 'end' : 'start',
    useFlushSync: false,
  });
  scrolled.current = (virtualizer.scrollOffset ?? 0) > 0;

  const end = virtualizer.range?.endIndex ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    if (end >= 0 && end >= items.length - PREFETCH_ROWS && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [end, items.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // A selection made elsewhere (a notification, a ticket) is scrolled into view; a row that only
  // moved (a live event) is not chased.
  const indexRef = useRef(selectedIndex);
  indexRef.current = selectedIndex;
  useEffect(() => {
    if (indexRef.current >= 0) virtualizer.scrollToIndex(indexRef.current, { align: 'auto' });
  }, [selectedId, virtualizer]);

  // Focus follows the keyboard's selection once its row is in the page.
  const pendingFocus = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = pendingFocus.current;
    const row = id ? scrollRef.current?.querySelector<HTMLElement>(`[data-conversation-id="${id}"]`) : null;
    if (!row) return;
    pendingFocus.current = null;
    row.focus({ preventScroll: true });
  });

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const index = nextActive(event.key, selectedIndex, items.length);
    if (index === null) return;
    event.preventDefault();
    const next = items[index]!;
    pendingFocus.current = next.id;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    select(next.id);
  };

  return {
    scrollRef,
    measure: virtualizer.measureElement,
    virtual: virtualizer.getVirtualItems(),
    height: virtualizer.getTotalSize(),
    onKeyDown,
  };
}
