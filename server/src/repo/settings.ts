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

/** Sets a server-wide setting (created if missing). */
export async function writeSetting(db: Queryable, key: string, value: string): Promise<void> {
  await db.query(`INSERT INTO server_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [key, value]);
}

/**
 * A lease shared by every instance on the database (setting `key` holds `owner|until-ms`, '' when
 * free): taken when free or run out at `now`; true when `owner` holds it now. No transaction is
 * held meanwhile, so the holder may talk to the network.
 */
export async function takeLease(db: Queryable, key: string, owner: string, now: Date, until: Date): Promise<boolean> {
  await db.query(`INSERT INTO server_settings (key, value) VALUES ($1, '') ON CONFLICT (key) DO NOTHING`, [key]);
  const { rows } = await db.query(
    `UPDATE server_settings SET value = $2 WHERE key = $1 AND (value = '' OR split_part(value, '|', 2)::bigint < $3) RETURNING key`,
    [key, `${owner}|${until.getTime()}`, now.getTime()],
  );
  return rows.length > 0;
}

/** Gives a lease back, if `owner` still holds it. */
export async function releaseLease(db: Queryable, key: string, owner: string): Promise<void> {
  await db.query(`UPDATE server_settings SET value = '' WHERE key = $1 AND split_part(value, '|', 1) = $2`, [key, owner]);
}
