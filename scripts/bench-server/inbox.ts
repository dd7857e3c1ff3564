/**
 * Inbox page: the first 50 conversations (the list query, and GET /api/v1/conversations?limit=50)
 * at 50 conversations and at 10,000; and the tab counts (every view's count and unread, for an
 * administrator) beside a raw count of the same table.
 */
import { figure } from '../bench-figures';
import { randomUUID } from 'node:crypto';
import { countOf, int, line, login, ms, percentile, ratio, withServer, type Backend } from './common';
import { fillConversations } from './fill';
// The repo function is timed too: over HTTP a fixed few milliseconds hide what the query costs.
import { countViews, listConversations } from '../../server/src/repo/conversations';

const SMALL = 50;
const LARGE = 10_000;

/** Mixed states like a real inbox: most closed, some open, some waiting for a reply to a template. */
const fill = (count: number, phonePrefix: string) => ({
  count, phonePrefix, tickets: true,
  conversation: {
    state: `CASE WHEN f.i % 10 < 6 THEN 'closed' WHEN f.i % 10 < 8 THEN 'open' ELSE 'waiting' END`,
    closed_reason: `CASE WHEN f.i % 10 < 6 THEN 'no_reply' END`,
    closed_at: `CASE WHEN f.i % 10 < 6 THEN f.at + interval '1 day' END`,
    window_expires_at: `CASE WHEN f.i % 10 BETWEEN 6 AND 7 THEN now() + interval '12 hours' END`,
    auto_close_at: `CASE WHEN f.i % 10 >= 8 THEN now() + interval '1 day' END`,
  },
  messages: [
    { direction: 'inbound' as const, kind: 'text' as const, status: 'received', afterMinutes: 0 },
    { direction: 'outbound' as const, kind: 'text' as const, status: 'read', where: 'f.i % 3 <> 0', afterMinutes: 1 },
  ],
});

/** Median of 100 timed calls after 150 untimed ones (PGlite's WebAssembly needs the warm-up). */
async function median(call: () => Promise<void>): Promise<number> {
  for (let i = 0; i < 150; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    const start = performance.now();
    await call();
    times.push(performance.now() - start);
  }
  return percentile(times, 50);
}

export async function benchInbox(backend: Backend): Promise<void> {
  await withServer(backend, {}, async (server) => {
    const url = await server.listen(0);
    const token = await login(url);
    const query = async () => {
      const items = await listConversations(server.db, { limit: 50, viewer: { id: randomUUID(), role: 'administrator' } });
      if (items.length !== 50) throw new Error(`inbox page: ${items.length} items`);
    };
    const http = async () => {
      const response = await fetch(`${url}/api/v1/conversations?limit=50`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await response.json()) as { items?: unknown[] };
      if (response.status !== 200 || body.items?.length !== 50) throw new Error(`inbox page: ${response.status}, ${body.items?.length} items`);
    };
    const viewer = { id: randomUUID(), role: 'administrator' as const };
    const counts = async () => void (await countViews(server.db, ['mine', 'unassigned', 'waiting', 'all'], viewer));
    const rawCount = async () => void (await server.db.query(`SELECT count(*) FROM conversations WHERE state <> 'closed'`));
    await fillConversations(server.db, fill(SMALL - (await countOf(server.db, 'conversations')), '5551'));
    const small = { query: await median(query), http: await median(http), counts: await median(counts) };
    await fillConversations(server.db, fill(LARGE - SMALL, '5561'));
    const large = { query: await median(query), http: await median(http), counts: await median(counts), raw: await median(rawCount) };
    const total = int(await countOf(server.db, 'conversations'));
    line('inbox', `page at ${total} conversations ${ms(large.query)}`, `at ${SMALL} ${ms(small.query)}`, `ratio ${ratio(large.query / small.query)}`, '(goal <= 1.5x; listConversations, medians)');
    figure(`server.inbox.page.10k_vs_50.${backend.name}`, large.query, 'ms', small.query);
    line('', `over HTTP: at ${total} ${ms(large.http)}, at ${SMALL} ${ms(small.http)}, ratio ${ratio(large.http / small.http)}`);
    line(
      'tabs',
      `4 view counts with unread at ${total} ${ms(large.counts)}`,
      `raw count(*) ${ms(large.raw)}`,
      `ratio ${ratio(large.counts / large.raw)}`,
      `(at ${SMALL}: ${ms(small.counts)}; no goal set)`,
    );
  });
}
