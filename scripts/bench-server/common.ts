/** Shared pieces of the server benchmark: backends, a server per part, baselines, printing. */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createServer, type HelpdeskServer, type ServerOptions } from '../../server/src/app';
import type { Queryable } from '../../server/src/db/db';
import { startFakeGraph, type FakeGraph } from '../../server/test/meta/fake-graph';

export interface Backend {
  name: 'PGlite' | 'PostgreSQL';
  databaseUrl: string | null;
}

export function backends(): Backend[] {
  const url = process.env.DATABASE_URL;
  return [{ name: 'PGlite', databaseUrl: null }, ...(url ? [{ name: 'PostgreSQL' as const, databaseUrl: url }] : [])];
}

/**
 * A fresh server with the demo data: PGlite in a data folder of its own, as the product runs it
 * (in memory, PGlite copies a whole file each time one grows past its room: not what is deployed),
 * removed afterwards; PostgreSQL in a schema of its own, dropped afterwards.
 */
export async function withServer<T>(backend: Backend, options: Partial<ServerOptions>, fn: (server: HelpdeskServer) => Promise<T>): Promise<T> {
  const schema = backend.databaseUrl ? `bench_${randomBytes(6).toString('hex')}` : undefined;
  const dataDir = backend.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'zapdesk-bench-'));
  let server: HelpdeskServer | undefined;
  try {
    server = await createServer({
      databaseUrl: backend.databaseUrl, schema, demoData: true, sweepIntervalMs: 0, dataDir,
      loginRateLimit: { max: 10_000, timeWindowMs: 60_000 }, ...options,
    });
    return await fn(server);
  } finally {
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (schema) {
      const admin = new pg.Client({ connectionString: backend.databaseUrl! });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  }
}

/** withServer with the Meta provider against a fake Graph API (no template sync; work every `workIntervalMs`, 0: only when run). */
export async function withMetaServer<T>(backend: Backend, workIntervalMs: number, fn: (server: HelpdeskServer, graph: FakeGraph) => Promise<T>): Promise<T> {
  const graph = await startFakeGraph();
  try {
    return await withServer(
      backend,
      { provider: 'meta', meta: graph.config, providerWorkIntervalMs: workIntervalMs, templateSyncIntervalMs: 0, graph: { timeoutMs: 5_000 } },
      (server) => fn(server, graph),
    );
  } finally {
    await graph.close();
  }
}

/** Runs `task(0..count-1)` on `clients` concurrent loops; counts the calls that threw. */
export async function inParallel(count: number, clients: number, task: (i: number) => Promise<unknown>) {
  let next = 0;
  let errors = 0;
  let firstError: string | null = null;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        try {
          await task(i);
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  return { errors, firstError };
}

export const CLIENTS = 16;

/**
 * The baseline for write rates: single-row INSERTs per second from 16 concurrent loops, one
 * statement per call, into a scratch table as wide as `messages`.
 */
export async function rawInsertRate(db: Queryable, seconds = 3): Promise<number> {
  await db.query(`CREATE TABLE IF NOT EXISTS bench_raw_insert (
    id uuid PRIMARY KEY, conversation_id uuid NOT NULL, direction text NOT NULL, kind text NOT NULL, text text NOT NULL,
    status text NOT NULL, provider_message_id text UNIQUE, created_at timestamptz NOT NULL, seq bigserial)`);
  const conversationId = randomUUID();
  const insert = () =>
    db.query(
      `INSERT INTO bench_raw_insert (id, conversation_id, direction, kind, text, status, provider_message_id, created_at)
       VALUES ($1, $2, 'inbound', 'text', $3, 'received', $4, $5)`,
      [randomUUID(), conversationId, 'Olá, meu pedido ainda não chegou', `wamid.RAW${randomUUID()}`, new Date()],
    );
  await inParallel(200, CLIENTS, insert); // warm-up
  let done = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        await insert();
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

export async function countOf(db: Queryable, sql: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`);
  return rows[0]!.n;
}

/** Signs in over HTTP; returns the access token. */
export async function login(url: string, email = 'agent@demo.test', password = 'demo-password'): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (n: number) => `${n < 10 ? n.toFixed(2) : int(n)} ms`;
export const ratio = (r: number) => `${r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}x`;

/** One result line: a label, then the figures. */
export function line(label: string, ...parts: string[]) {
  console.log(`  ${label.padEnd(9)} ${parts.join('   ')}`);
}
