/**
 * SSE fan-out: 400 customer messages, one at a time, each timed from its commit to its receipt at
 * every connected client; 500 clients, and 1 client as the baseline. (p99 of 500 clients' receipts
 * over a hundred messages was the second-slowest message, whatever held it up; over 400 it is a
 * percentile of messages too.) The commit happens inside the ingest statement (one statement, its
 * own transaction), which Node cannot observe, so each message is timed three ways:
 *
 * - the headline, from the moment the ingest function had finished: the statement also selects
 *   clock_timestamp() beside the function's rows, evaluated once the function has returned them all
 *   and before the statement's transaction commits (the commit, its WAL flush and NOTIFY come after
 *   the statement's last row), so it is never later than the commit: an upper bound of
 *   commit-to-receipt. The database stamps wall-clock time, the clients a monotonic clock: see
 *   `wallClockAhead` for why the conversion never moves the stamp later. PGlite's clock_timestamp()
 *   has whole milliseconds, rounded down: earlier, never later.
 * - from the moment the statement is sent: a looser upper bound, which adds the function's own
 *   work (and any stall of the database before it commits).
 * - from the moment its answer is read: a lower bound (on PostgreSQL the NOTIFY sent at commit can
 *   reach the clients through the listening connection while the answer waits on a busy thread, so
 *   receipts can even come before it).
 */
import { figure } from '../bench-figures';
import { Worker } from 'node:worker_threads';
import type { HelpdeskServer } from '../../server/src/app';
import type { Db } from '../../server/src/db/db';
import { line, login, ms, percentile, withServer, type Backend } from './common';

const MESSAGES = 400;
const WARM_UP = 5;
/** One clock for this thread and the clients' worker (each thread has its own timeOrigin). */
const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * How far the wall clock (Date.now(), the database's clock_timestamp()) is ahead of `now()`, in ms,
 * never less than the truth, so a wall-clock stamp moved onto `now()`'s clock never comes out
 * later than it happened. At the moment Date.now() turns to millisecond d the wall clock reads
 * exactly d, and that moment came after `before` (taken just before the last reading that still
 * showed the previous millisecond): the truth is below d - before, by about one loop turn. The
 * smallest of a few such bounds is kept.
 */
function wallClockAhead(tries = 3): number {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    let before = now();
    const start = Date.now();
    for (;;) {
      const at = now();
      const wall = Date.now();
      if (wall !== start) {
        best = Math.min(best, wall - before);
        break;
      }
      before = at;
    }
  }
  return best;
}

const INGEST = ' FROM ingest_customer_messages(';
/** The ingest statement, also selecting when its function had finished (ms of wall-clock time). */
const STAMPED = `, (extract(epoch FROM clock_timestamp()) * 1000)::text AS bench_finished_at${INGEST}`;

/** Notes when each ingest statement is sent, when its function finished and when its answer is read; `take` gives the last, once. */
function watchCommits(db: Db) {
  const query = db.query;
  let last: { sent: number; finished: number; answered: number } | null = null;
  db.query = (async (sql: string, params?: unknown[]) => {
    if (!sql.includes(INGEST)) return query.call(db, sql, params);
    const ahead = wallClockAhead();
    const sent = now();
    const result = await query.call(db, sql.replace(INGEST, STAMPED), params);
    const answered = now();
    const stamp = Number((result.rows[0] as { bench_finished_at?: string } | undefined)?.bench_finished_at);
    last = { sent, finished: Number.isFinite(stamp) ? stamp - ahead : NaN, answered };
    return result;
  }) as Db['query'];
  return {
    take() {
      const at = last;
      last = null;
      if (at === null) throw new Error(`no statement with "${INGEST.trim()}" was seen: the benchmark needs to learn the ingest statement's new form`);
      return at;
    },
    stop: () => void (db.query = query),
  };
}

/** `clients` SSE connections held by a worker thread (sse-clients.ts); it posts `{ ready: true }` once all are open. */
export function sseClients(url: string, token: string, clients: number): Worker {
  // A worker does not inherit tsx's loader: it registers it, then loads the TypeScript file.
  const entry = new URL('./sse-clients.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true, workerData: { url, token, clients, timeoutMs: 5_000 } });
}

async function latencies(server: HelpdeskServer, url: string, token: string, clients: number) {
  const worker = sseClients(url, token, clients);
  const answers = new Map<number, (times: number[]) => void>();
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (m: { ready?: boolean; n: number; times: number[] }) => (m.ready ? resolve() : answers.get(m.n)?.(m.times)));
  });
  const commits = watchCommits(server.db);
  try {
    await ready;
    const phone = `+55219${String(clients).padStart(8, '0')}`;
    const one = async (n: number) => {
      await server.conversations.customerMessage(phone, `sse-bench-${n}- Olá, alguém aí?`);
      const committed = commits.take();
      const times = await new Promise<number[]>((resolve) => {
        answers.set(n, resolve);
        worker.postMessage({ wait: n });
      });
      return {
        fromSent: times.map((t) => t - committed.sent),
        fromFinished: times.map((t) => t - committed.finished),
        fromAnswer: times.map((t) => t - committed.answered),
      };
    };
    // Clients subscribe a moment after their stream opens: the first messages only make sure all have.
    for (let n = 0; n < WARM_UP; n++) await one(1000 + n);
    const all: number[] = [];
    const fromFinished: number[] = [];
    const fromAnswer: number[] = [];
    const firsts: number[] = [];
    let missed = 0;
    for (let n = 0; n < MESSAGES; n++) {
      const got = await one(n);
      all.push(...got.fromSent);
      fromFinished.push(...got.fromFinished);
      fromAnswer.push(...got.fromAnswer);
      firsts.push(Math.min(...got.fromSent));
      missed += clients - got.fromSent.length;
    }
    return {
      p50: percentile(all, 50), p99: percentile(all, 99), finishedP50: percentile(fromFinished, 50), finishedP99: percentile(fromFinished, 99),
      answerP99: percentile(fromAnswer, 99), firstP50: percentile(firsts, 50), missed,
    };
  } finally {
    commits.stop();
    await worker.terminate();
  }
}

export async function benchSse(backend: Backend): Promise<void> {
  await withServer(backend, {}, async (server) => {
    const url = await server.listen(0);
    const token = await login(url);
    const base = await latencies(server, url, token, 1);
    const many = await latencies(server, url, token, 500);
    const missed = many.missed + base.missed ? `; ${many.missed + base.missed} receipts missing after 5 s` : '';
    line('SSE', `500 clients p50 ${ms(many.finishedP50)} p99 ${ms(many.finishedP99)}`, `1 client p50 ${ms(base.finishedP50)} p99 ${ms(base.finishedP99)}`,
      `p99 ${(many.finishedP99 / base.finishedP99).toFixed(1)}x`, `(goal p99 <= 16 ms; from the end of the ingest function, before its commit)${missed}`);
    figure(`server.sse.500_clients.p99.${backend.name}`, many.finishedP99, 'ms', base.finishedP99);
    line('', `from the moment the ingest statement is sent (adds the function's own work): 500 clients p50 ${ms(many.p50)} p99 ${ms(many.p99)}, 1 client p50 ${ms(base.p50)} p99 ${ms(base.p99)}`);
    line('', `from the statement's answer instead (a lower bound): 500 clients p99 ${ms(many.answerP99)}, 1 client p99 ${ms(base.answerP99)}`);
    line('', `with 500 clients the first of them gets an event ${ms(many.firstP50)} after the statement is sent (median)`);
  });
}
