/** Moving a database sequence to where the numbers it gives gain a digit (99 → 100), for tests. */
import type { Queryable } from '../src/db/db';

/**
 * Moves `sequence` on (never back) so that it gives `before` more numbers (1 or 2) below the
 * next power of ten at least three numbers ahead; returns that power of ten.
 */
export async function nearNextDigit(db: Queryable, sequence: string, before: 1 | 2): Promise<number> {
  const { rows } = await db.query<{ next: string }>(`SELECT (last_value + 1)::text AS next FROM ${sequence}`);
  const boundary = 10 ** String(Number(rows[0]!.next) + 2).length;
  await db.query('SELECT setval($1, $2)', [sequence, boundary - 1 - before]);
  return boundary;
}
