/**
 * SSE fan-out: 100 customer messages, one at a time, each timed from its commit to its receipt at
 * every connected client; 500 clients, and 1 client as the baseline. The commit happens inside the
 * ingest statement (one statement, its own transaction), which Node cannot observe: the headline
 * times from the moment that statement is sent (an upper bound of commit-to-receipt), and a second
 * line from the moment its answer is read (a lower bound: on PostgreSQL the NOTIFY sent at commit
 * can reach the clients through the listening connection while the answer waits on a busy thread,
 * so receipts can even come before it).
 */
import { figure } from '../bench-figures';
import { Worker } from 'node:worker_threads';
import type { HelpdeskServer } from '../../server/src/app';
import type { Db } from '../../server/src/db/db';
import { line, login, ms, percentile, withServer, type Backend } from './common';

const MESSAGES = 100;
const WARM_UP = 5;
/** One clock for this thread and the clients' worker (each thread has its own timeOrigin). */
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Notes when each ingest statement is sent and when its answer is read; `take` gives the last such pair, once. */
function watchCommits(db: Db) {
  const query = db.query;
  let last: { sent: number; answered: number } | null = null;
  db.query = (async (sql: string, params?: unknown[]) => {
    if (!sql.includes('ingest_customer_messages(')) return query.call(db, sql, params);
    const sent = now();
    const result = await query.call(db, sql, params);
    last = { sent, answered: now() };
    return result;
  }) as Db['query'];
  return {
    take() {
      const at = last;
      last = null;
      if (at === null) throw new Error('no ingest_customer_messages statement was seen: the benchmark needs to learn its new name');
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
      return { fromSent: times.map((t) => t - committed.sent), fromAnswer: times.map((t) => t - committed.answered) };
    };
    // Clients subscribe a moment after their stream opens: the first messages only make sure all have.
    for (let n = 0; n < WARM_UP; n++) await one(1000 + n);
    const all: number[] = [];
    const fromAnswer: number[] = [];
    const firsts: number[] = [];
    let missed = 0;
    for (let n = 0; n < MESSAGES; n++) {
      const got = await one(n);
      all.push(...got.fromSent);
      fromAnswer.push(...got.fromAnswer);
      firsts.push(Math.min(...got.fromSent));
      missed += clients - got.fromSent.length;
    }
    return { p50: percentile(all, 50), p99: percentile(all, 99), answerP99: percentile(fromAnswer, 99), firstP50: percentile(firsts, 50), missed };
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
    line('SSE', `500 clients p50 ${ms(many.p50)} p99 ${ms(many.p99)}`, `1 client p50 ${ms(base.p50)} p99 ${ms(base.p99)}`, `p99 ${(many.p99 / base.p99).toFixed(1)}x`, `(goal p99 <= 16 ms)${missed}`);
    figure(`server.sse.500_clients.p99.${backend.name}`, many.p99, 'ms', base.p99);
    line('', `from the statement's answer instead (a lower bound): 500 clients p99 ${ms(many.answerP99)}, 1 client p99 ${ms(base.answerP99)}`);
    line('', `with 500 clients the first of them gets an event ${ms(many.firstP50)} after the statement is sent (median)`);
  });
}
