import type { Queryable } from '../db/db';

/**
 * Serializes everything that changes a contact's sessions (customer messages, template sends,
 * closes) across every server instance on the database: a transaction-scoped advisory lock per
 * contact, released at commit or rollback. Taken in one statement, in key order, so two
 * transactions locking overlapping sets never wait on each other crosswise.
 */
export async function lockContacts(db: Queryable, contactIds: string[]): Promise<void> {
  const ids = [...new Set(contactIds)].sort();
  if (!ids.length) return;
  await db.query(
    `SELECT pg_advisory_xact_lock(k) FROM (SELECT hashtextextended('contact:' || id, 0) AS k FROM unnest($1::text[]) AS id ORDER BY k) keys`,
    [ids],
  );
}
