import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db } from './db';

/**
 * A statement with parameters runs as a named prepared statement, so each pooled connection
 * parses and plans it once (the write path's set-based statements are large: planning them every
 * time cost more than running them). Statements without parameters (scripts, savepoints) run as
 * they are.
 */
function statement(sql: string, params?: unknown[]): pg.QueryConfig {
  if (!params?.length) return { text: sql };
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `z${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`));
  return { name, text: sql, values: params };
}

/** Statement text to its prepared name, hashed once per text (the texts are the code's, so few). */
const statementNames = new Map<string, string>();

/**
 * PostgreSQL through `pg`. `schema` (tests) puts every table of this server in its own schema via
 * search_path, so test files do not see each other's data.
 */
export async function openPostgres(connectionString: string, schema?: string): Promise<Db> {
  const options = schema ? `-c search_path=${schema}` : undefined;
  if (schema) {
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    // Instances starting together race on IF NOT EXISTS: the loser's duplicate is the same schema.
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((error: { code?: string }) => {
      if (error.code !== '23505' && error.code !== '42P06') throw error;
    });
    await admin.end();
  }
  const pool = new pg.Pool({ connectionString, options, max: 10 });
  pool.on('error', () => undefined); // an idle client dropped by the server: the pool replaces it
  await pool.query('SELECT 1');
  const listeners: pg.Client[] = [];
  return {
    kind: 'pg',
    query: async (sql, params) => ({ rows: (await pool.query(statement(sql, params))).rows }),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async (sql, params) => ({ rows: (await client.query(statement(sql, params))).rows }) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    listen: async (channel, onPayload) => {
      const client = new pg.Client({ connectionString, options });
      client.on('error', () => undefined);
      await client.connect();
      client.on('notification', (n) => n.channel === channel && onPayload(n.payload ?? ''));
      await client.query(`LISTEN "${channel}"`);
      listeners.push(client);
      return async () => {
        await client.end().catch(() => undefined);
      };
    },
    notify: async (channel, payload) => {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    close: async () => {
      await Promise.all(listeners.map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
}
