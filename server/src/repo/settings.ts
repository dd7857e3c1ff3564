import type { Queryable } from '../db/db';

/** One server-wide setting, shared by every instance on the database. */
export async function readSetting(db: Queryable, key: string): Promise<string | null> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM server_settings WHERE key = $1', [key]);
  return rows[0]?.value ?? null;
}

/** Adds to a numeric setting atomically (created at 0); returns the new value. */
export async function addToSetting(db: Queryable, key: string, amount: number): Promise<string> {
  const { rows } = await db.query<{ value: string }>(
    `INSERT INTO server_settings (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = (server_settings.value::bigint + $2::bigint)::text
     RETURNING value`,
    [key, String(Math.round(amount))],
  );
  return rows[0]!.value;
}

/** A NOTIFY channel of this database schema (the database function schema_channel, migration 008). */
export async function schemaChannel(db: Queryable, base: string): Promise<string> {
  const { rows } = await db.query<{ channel: string }>('SELECT schema_channel($1) AS channel', [base]);
  return rows[0]!.channel;
}
