/**
 * Runs a server suite on each database backend: PGlite always, PostgreSQL when DATABASE_URL is
 * set (reported as skipped otherwise). Each suite gets a fresh database with the demo data.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { createServer, type HelpdeskServer, type ServerOptions } from '../src/app';

export interface Harness {
  server: HelpdeskServer;
  url: string;
  /** Another server instance on the same database (PostgreSQL only). */
  sibling(): Promise<HelpdeskServer>;
  /** Closes the server and starts a new one on the same database (PGlite needs `persistent`). */
  restart(): Promise<void>;
  login(email: string, password?: string): Promise<string>;
  api(path: string, init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
}

const DATABASE_URL = process.env.DATABASE_URL;
const backends = [
  { name: 'PGlite', databaseUrl: null as string | null, skip: false },
  { name: 'PostgreSQL', databaseUrl: DATABASE_URL ?? null, skip: !DATABASE_URL },
];

export function describeOnEachDatabase(
  title: string,
  suite: (h: Harness) => void,
  options: Partial<ServerOptions> = {},
  harness: { persistent?: boolean; /** Several instances on one database: PostgreSQL only (PGlite is one process). */ onlyPostgres?: boolean } = {},
) {
  for (const backend of backends) {
    const skip = backend.skip || (harness.onlyPostgres === true && !backend.databaseUrl);
    describe.skipIf(skip)(`${title} [${backend.name}${harness.onlyPostgres ? ', several instances' : ''}]`, () => {
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const dataDir = harness.persistent && !backend.databaseUrl && !skip ? mkdtempSync(join(tmpdir(), 'zapdesk-test-')) : undefined;
      const siblings: HelpdeskServer[] = [];
      const h = {} as Harness;
      const serverOptions: ServerOptions = {
        dataDir,
        databaseUrl: backend.databaseUrl,
        schema: backend.databaseUrl ? schema : undefined,
        demoData: true,
        sweepIntervalMs: 0,
        deliveryStepMs: 20,
        ...options,
      };
      beforeAll(async () => {
        h.server = await createServer(serverOptions);
        h.url = await h.server.listen(0);
        h.sibling = async () => {
          const other = await createServer({ ...serverOptions, demoData: false });
          siblings.push(other);
          return other;
        };
        h.restart = async () => {
          if (!backend.databaseUrl && !dataDir) throw new Error('restart needs { persistent: true } on PGlite');
          await h.server.close();
          h.server = await createServer({ ...serverOptions, demoData: false });
          h.url = await h.server.listen(0);
        };
        h.api = async (path, init = {}) => {
          const response = await fetch(`${h.url}${path}`, {
            method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
            headers: {
              ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
              ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
              ...init.headers,
            },
            body: init.body === undefined ? undefined : JSON.stringify(init.body),
          });
          const text = await response.text();
          return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
        };
        h.login = async (email, password = 'demo-password') => {
          const { status, body } = await h.api('/api/v1/auth/login', { body: { email, password } });
          if (status !== 200) throw new Error(`login ${email}: ${status} ${JSON.stringify(body)}`);
          return body.accessToken as string;
        };
      });
      afterAll(async () => {
        for (const s of siblings) await s.close();
        await h.server?.close();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
        if (backend.databaseUrl) {
          const admin = new pg.Client({ connectionString: backend.databaseUrl });
          await admin.connect();
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await admin.end();
        }
      });
      suite(h);
    });
  }
}

/** Finds a demo conversation by contact name. */
export async function conversationOf(h: Harness, token: string, contactName: string) {
  const { body } = await h.api(`/api/v1/conversations?q=${encodeURIComponent(contactName)}`, { token });
  const found = body.items.find((c: { contact: { name: string }; state: string }) => c.contact.name === contactName && c.state !== 'closed');
  if (!found) throw new Error(`no active conversation for ${contactName}`);
  return found;
}

export async function contactOf(h: Harness, token: string, name: string) {
  const { body } = await h.api(`/api/v1/contacts?q=${encodeURIComponent(name)}`, { token });
  return body.items.find((c: { name: string }) => c.name === name);
}
