/**
 * The inbox's first render with 10,000 conversations loaded against 50 (goal: within 1.5×), and a
 * scroll through all 10,000 with no button: how many rows the page holds on the way, how many
 * pages came by cursor. Runs in the jsdom that scripts/bench-inbox.ts set up.
 */
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup } from '@testing-library/react';
import type { Conversation } from '../../shared/api/schemas';
import { keys } from '../../renderer/src/api/keys';
import { ANA, conversation, fakeDesktop, NOW, renderInbox } from '../../renderer/src/features/inbox/fake-desktop';
import { useUi } from '../../renderer/src/state/ui';
import { fakeLayout } from '../../renderer/src/testing/layout';
import { figure, printFigures } from '../bench-figures';

const PAGE = 50;
const ROUNDS = 30;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const rows = () => document.querySelectorAll('[data-testid="conversation-row"]').length;

/** A query client holding the settings and `loaded` conversations as the pages the inbox fetched. */
function loadedClient(loaded: Conversation[], total: number): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity, gcTime: Infinity } } });
  client.setQueryData(keys.appInfo, { version: '1', platform: 'linux', host: 'web', systemLocale: 'en' });
  client.setQueryData(keys.settings, { values: { language: 'en', serverUrl: 'http://127.0.0.1:1' }, managed: [] });
  const pages = Array.from({ length: Math.ceil(loaded.length / PAGE) }, (_, i) => loaded.slice(i * PAGE, (i + 1) * PAGE));
  const cursor = (i: number) => ((i + 1) * PAGE < total ? String((i + 1) * PAGE) : null);
  client.setQueryData(keys.conversationList({ view: 'unassigned', q: '' }), {
    pages: pages.map((items, i) => ({ items, nextCursor: cursor(i), serverTime: NOW })),
    pageParams: pages.map((_, i) => (i ? String(i * PAGE) : undefined)),
  });
  return client;
}

/** Milliseconds from render to rows in the page (Testing Library's render commits inside act). */
function firstRender(all: Conversation[], loaded: number): { ms: number; rows: number } {
  const desktop = fakeDesktop(ANA, { unassigned: all });
  const client = loadedClient(all.slice(0, loaded), all.length);
  const start = performance.now();
  renderInbox(ANA, desktop, client);
  const ms = performance.now() - start;
  const shown = rows();
  cleanup();
  client.clear();
  return { ms, rows: shown };
}

async function scrollThrough(all: Conversation[]) {
  const desktop = fakeDesktop(ANA, { unassigned: all });
  const start = performance.now();
  await act(async () => void renderInbox(ANA, desktop, loadedClient(all.slice(0, PAGE), all.length)));
  const scroller = document.querySelector<HTMLElement>('.rows-scroller')!;
  let most = 0;
  const last = () => document.querySelector(`[aria-posinset="${all.length}"]`);
  for (let step = 0; step < 5_000 && !last(); step++) {
    await act(async () => {
      scroller.scrollTop = scroller.scrollHeight;
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    most = Math.max(most, rows());
  }
  const result = { ms: performance.now() - start, reached: !!last(), most, pages: desktop.called('conversations:list').length, buttons: document.querySelectorAll('.rows-scroller button').length };
  cleanup();
  return result;
}

export async function benchInboxRender(): Promise<void> {
  const undoLayout = fakeLayout({ viewport: 700, row: 66 });
  useUi.setState({ section: 'inbox', inboxView: 'unassigned', selectedConversationId: null });
  const all = Array.from({ length: 10_000 }, (_, i) => conversation(i + 1));
  for (let i = 0; i < 5; i++) firstRender(all, i % 2 ? 10_000 : 50); // warm-up
  const small: number[] = [];
  const large: number[] = [];
  let shown = { small: 0, large: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const a = firstRender(all, 50);
    const b = firstRender(all, 10_000);
    small.push(a.ms);
    large.push(b.ms);
    shown = { small: a.rows, large: b.rows };
  }
  small.sort((x, y) => x - y);
  large.sort((x, y) => x - y);
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const [p50s, p50l, p95s, p95l] = [percentile(small, 50), percentile(large, 50), percentile(small, 95), percentile(large, 95)];
  console.log(`inbox first render (InboxScreen in jsdom, 700 px list, 66 px rows), n=${ROUNDS} each:`);
  console.log(`  50 conversations loaded:     p50 ${ms(p50s)}, p95 ${ms(p95s)} (${shown.small} rows in the page)`);
  console.log(`  10,000 conversations loaded: p50 ${ms(p50l)}, p95 ${ms(p95l)} (${shown.large} rows in the page)`);
  console.log(`  10,000 vs 50: ${(p50l / p50s).toFixed(2)}x at p50, ${(p95l / p95s).toFixed(2)}x at p95 (goal <= 1.5x)`);
  figure('inbox.first_render.10k_vs_50.p50', p50l, 'ms', p50s);
  figure('inbox.first_render.10k_vs_50.p95', p95l, 'ms', p95s);

  const scroll = await scrollThrough(all);
  console.log(
    `  scroll through all 10,000 from the first page: ${scroll.reached ? 'reached the last row' : 'did NOT reach the last row'} in ${(scroll.ms / 1000).toFixed(1)} s, ` +
      `${scroll.pages} pages by cursor, at most ${scroll.most} rows in the page, ${scroll.buttons} buttons in the list`,
  );
  figure('inbox.scroll_all.10k.max_rows_in_page', scroll.most, 'rows', all.length);
  undoLayout();
  printFigures();
}
