/**
 * Sweeper: closing 10,000 due conversations vs a raw UPDATE of the same rows on a copy, in three
 * rounds, each on a fresh server. Each round times the raw UPDATE and then the sweeper back to
 * back, so each ratio pairs two figures taken under the same conditions; the headline is the
 * median round. (One round alone moved by a third from run to run on this two-core machine, its
 * baseline as much as the sweeper.)
 */
import { figure } from '../bench-figures';
import type { Queryable } from '../../server/src/db/db';
import type { HelpdeskServer } from '../../server/src/app';
import { countOf, int, line, login, ms, ratio, withServer, type Backend } from './common';
import { fillConversations } from './fill';

const DUE = 10_000;
const ROUNDS = 3;

export async function benchSweeper(backend: Backend): Promise<void> {
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) rounds.push(await withServer(backend, {}, sweepRound));
  const median = [...rounds].sort((a, b) => a.rawMs / a.oursMs - b.rawMs / b.oursMs)[Math.floor(ROUNDS / 2)]!;
  const spread = rounds.map((r) => ratio(r.rawMs / r.oursMs)).join(', ');

  line('sweeper', `${int(median.closed)} closed in ${ms(median.oursMs)}`, `raw UPDATE of ${int(median.copied)} rows ${ms(median.rawMs)}`,
    `ratio ${ratio(median.rawMs / median.oursMs)}`, `(goal >= 0.3x; the median of ${ROUNDS} rounds)`);
  figure(`server.sweeper.${backend.name}`, median.oursMs, 'ms', median.rawMs, median.rawMs / median.oursMs);
  line('', `rounds: ${spread}${rounds.some((r) => r.left) ? `; due conversations left open: ${rounds.map((r) => int(r.left)).join(', ')}` : ''}`);

  // The close events hold their conversation only once read (migration 022): with a stream open,
  // that work is done after the sweeper's commit, for the stream. Timed until the stream has them all:
  const watched = await withServer(backend, {}, (server) => sweepRound(server, true));
  line('sweeper+SSE', `${int(watched.closed)} closed, their events received on an open event stream in ${ms(watched.deliveredMs!)}`,
    `raw UPDATE ${ms(watched.rawMs)}`, `ratio ${ratio(watched.rawMs / watched.deliveredMs!)}`, `(no goal set; the sweeper alone took ${ms(watched.oursMs)}${watched.resumed ? `; dropped for falling behind, resumed ${watched.resumed}x` : ''})`);
  figure(`server.sweeper_delivered.${backend.name}`, watched.deliveredMs!, 'ms', watched.rawMs, watched.rawMs / watched.deliveredMs!);
}

interface Round {
  closed: number;
  copied: number;
  left: number;
  rawMs: number;
  oursMs: number;
  /** With `watched`: until the last close event arrived on an open event stream, and how often it resumed. */
  deliveredMs?: number;
  resumed?: number;
}

/**
 * Fills DUE due conversations, times a raw UPDATE of a copy of them, then the sweeper (`watched`:
 * with an agent's event stream open, also until it got every close event).
 */
async function sweepRound(server: HelpdeskServer, watched = false): Promise<Round> {
  const db = server.db;
  // Waiting for a reply to a template, past the auto-close time; each has a ticket, half also an earlier customer message.
  await fillConversations(db, {
    count: DUE, phonePrefix: '5541', tickets: true,
    conversation: { state: `'waiting'`, auto_close_at: `now() - interval '1 minute'` },
    messages: [
      { direction: 'inbound', kind: 'text', status: 'received', where: 'f.i % 2 = 0', afterMinutes: -60 },
      { direction: 'outbound', kind: 'template', status: 'delivered', afterMinutes: 0 },
    ],
  });
  await copyDue(db);
  let start = performance.now();
  await db.query(
    `UPDATE bench_conversations_copy SET state = 'closed', closed_reason = 'no_reply', closed_at = now()
     WHERE state = 'waiting' AND auto_close_at <= now()`,
  );
  const rawMs = performance.now() - start;
  const copied = await countOf(db, `bench_conversations_copy WHERE state = 'closed'`);

  const stream = watched ? await openStream(server, DUE) : null;
  start = performance.now();
  const closed = await server.sweeper.runOnce();
  const oursMs = performance.now() - start;
  const deliveredMs = stream ? (await stream.all) - start : undefined;
  const resumed = stream?.resumed();
  stream?.close();
  const left = await countOf(db, `conversations WHERE state = 'waiting' AND auto_close_at <= now()`);
  return { closed, copied, left, rawMs, oursMs, deliveredMs, resumed };
}

/**
 * An agent's event stream over HTTP, read as it comes, as the app holds it: dropped by the server
 * for being too far behind (this reader shares the server's thread), it resumes with
 * Last-Event-ID. `all` resolves at the time `count` close events had arrived.
 */
async function openStream(server: HelpdeskServer, count: number): Promise<{ all: Promise<number>; resumed(): number; close(): void }> {
  const url = await server.listen(0);
  const token = await login(url);
  const controller = new AbortController();
  const connect = (lastId: string | null) => fetch(`${url}/api/v1/events`, {
    signal: controller.signal, headers: { authorization: `Bearer ${token}`, ...(lastId ? { 'last-event-id': lastId } : {}) },
  });
  let response = await connect(null);
  const frame = /id: (\d+)\nevent: ([\w.]+)\n/g;
  let resumed = 0;
  const all = (async () => {
    let seen = 0;
    let lastId: string | null = null;
    for (;;) {
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        const cut = text.lastIndexOf('\n\n');
        if (cut === -1) continue; // whole frames only
        const end = cut + 2;
        for (const [, id, type] of text.slice(0, end).matchAll(frame)) {
          lastId = id!;
          if (type === 'conversation.updated' && ++seen >= count) return performance.now();
        }
        text = text.slice(end);
      }
      resumed++;
      response = await connect(lastId);
    }
  })();
  all.catch(() => undefined);
  return { all, resumed: () => resumed, close: () => controller.abort() };
}

/** A copy of the due conversations, with the same indexes, for the raw UPDATE. */
async function copyDue(db: Queryable): Promise<void> {
  await db.query('DROP TABLE IF EXISTS bench_conversations_copy');
  await db.query('CREATE TABLE bench_conversations_copy (LIKE conversations INCLUDING ALL)');
  const { rows } = await db.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'conversations' AND is_generated = 'NEVER'`,
  );
  const columns = rows.map((r) => `"${r.name}"`).join(', ');
  await db.query(
    `INSERT INTO bench_conversations_copy (${columns}) SELECT ${columns} FROM conversations WHERE state = 'waiting' AND auto_close_at <= now()`,
  );
  await db.query('ANALYZE bench_conversations_copy');
}
