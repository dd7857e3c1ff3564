/** Several server instances on one PostgreSQL behave as one: the sandbox clock is shared. */
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { expect, it } from 'vitest';
import { createServer } from '../src/app';
import { describeOnEachDatabase } from './harness';

async function eventually(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check(), what).toBe(true);
}

describeOnEachDatabase('several instances on one database', (h) => {
  it('moves the sandbox clock of every instance when one moves it, and the answers agree', async () => {
    const other = await h.sibling();
    const url = await other.listen(0);
    const before = other.clock.now().getTime();
    const admin = await h.login('admin@demo.test');
    const moved = await h.api('/api/v1/sandbox/clock', { token: admin, body: { advanceSeconds: 3 * 3600 } });
    expect(moved.status).toBe(200);
    await eventually(() => other.clock.now().getTime() - before >= 3 * 3600 * 1000, 'the sibling follows the move');
    // A fresh token: moving the clock 3 h expires access tokens.
    const fresh = await h.login('admin@demo.test');
    const seen = await fetch(`${url}/api/v1/conversations?limit=1`, { headers: { authorization: `Bearer ${fresh}` } }).then((r) => r.json() as Promise<{ serverTime: string }>);
    expect(Math.abs(Date.parse(seen.serverTime) - Date.parse(moved.body.serverTime))).toBeLessThan(60_000);
  });

  it('starts three instances at once on an empty database: the migrations are applied once, every instance serves', async () => {
    const databaseUrl = process.env.DATABASE_URL!;
    const schema = `test_start_${randomBytes(4).toString('hex')}`;
    const servers = await Promise.all([1, 2, 3].map(() => createServer({ databaseUrl, schema, demoData: false, sweepIntervalMs: 0 })));
    try {
      const files = readdirSync(join(import.meta.dirname, '..', 'migrations')).filter((f) => f.endsWith('.sql'));
      const { rows } = await servers[0]!.db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
      expect(rows.map((r) => r.name)).toEqual(files.sort());
      for (const server of servers) expect((await server.app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      for (const server of servers) await server.close();
      const admin = new pg.Client({ connectionString: databaseUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });
}, {}, { onlyPostgres: true });
