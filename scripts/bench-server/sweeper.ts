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
import { countOf, int, line, ms, ratio, withServer, type Backend } from './common';
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
}

interface Round {
  closed: number;
  copied: number;
  left: number;
  rawMs: number;
  oursMs: number;
}

/** Fills DUE due conversations, times a raw UPDATE of a copy of them, then the sweeper. */
async function sweepRound(server: HelpdeskServer): Promise<Round> {
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

  start = performance.now();
  const closed = await server.sweeper.runOnce();
  const oursMs = performance.now() - start;
  const left = await countOf(db, `conversations WHERE state = 'waiting' AND auto_close_at <= now()`);
  return { closed, copied, left, rawMs, oursMs };
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
