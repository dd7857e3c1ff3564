import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db';

/** The embedded default: PostgreSQL compiled to WebAssembly, stored in a data folder (or memory). */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = await PGlite.create(dataDir ? { dataDir } : {});
  const wrap = (q: { query: PGlite['query'] }): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await q.query<T>(sql, params as unknown[])).rows }),
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    listen: async (channel, onPayload) => {
      const stop = await pg.listen(channel, onPayload);
      return async () => stop();
    },
    notify: async (channel, payload) => {
      await pg.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    close: () => pg.close(),
  };
}
