import type { Queryable } from '../db/db';

/**
 * Serializes everything that changes a contact's sessions (customer messages, template sends,
 * closes) across every server instance on the database: a transaction-scoped advisory lock per
 * contact, released at commit or rollback, taken by the database function lock_contacts
 * (migration 008; the customer-message ingest takes the same locks).
 */
export async function lockContacts(db: Queryable, contactIds: string[]): Promise<void> {
  if (!contactIds.length) return;
  await db.query('SELECT lock_contacts($1::uuid[])', [contactIds]);
}
