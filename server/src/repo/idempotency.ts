import type { Queryable } from '../db/db';

/**
 * Claims an idempotency key for a user: true when this request is the first with it. A
 * concurrent request with the same key waits here (unique key) for the first one's outcome.
 */
export async function claimIdempotencyKey(db: Queryable, userId: string, key: string, requestHash: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO idempotency_keys (user_id, key, request_hash, status_code, response, created_at)
     VALUES ($1, $2, $3, 0, '{}'::jsonb, $4) ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
    [userId, key, requestHash, now],
  );
  return rows.length > 0;
}

/** The stored answer of an earlier request with this key. */
export async function findIdempotentAnswer<T>(db: Queryable, userId: string, key: string): Promise<{ requestHash: string; response: T }> {
  const { rows } = await db.query<{ request_hash: string; response: T | string }>(
    'SELECT request_hash, response FROM idempotency_keys WHERE user_id = $1 AND key = $2',
    [userId, key],
  );
  const row = rows[0]!;
  return { requestHash: row.request_hash, response: typeof row.response === 'string' ? (JSON.parse(row.response) as T) : row.response };
}

export async function storeIdempotentAnswer(db: Queryable, userId: string, key: string, statusCode: number, response: unknown): Promise<void> {
  await db.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE user_id = $1 AND key = $2', [userId, key, statusCode, JSON.stringify(response)]);
}
