/** The durable outbox (migrations 003, 006): one row per outbound message a network provider sends. */
import type { Queryable } from '../db/db';
import { storableJson } from './rows';

export interface OutboxRow<T> {
  message_id: string;
  payload: T | string;
  attempts: number;
  /** The last attempt may have gone out: never send again, only look for proof. */
  awaiting_proof: boolean;
}

export async function enqueue(db: Queryable, messageId: string, payload: unknown, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO outbox (message_id, payload, state, attempts, next_attempt_at, created_at, updated_at) VALUES ($1, $2::jsonb, 'pending', 0, $3, $3, $3)`,
    [messageId, storableJson(payload), now],
  );
}

/**
 * Claims due rows as a lease (FOR UPDATE SKIP LOCKED: two instances never take one row). A row
 * whose lease ran out was being sent by a worker that died: that send may have gone out, so it
 * comes back marked awaiting proof.
 */
export async function claimDue<T>(db: Queryable, now: Date, limit: number, leaseUntil: Date): Promise<OutboxRow<T>[]> {
  const { rows } = await db.query<OutboxRow<T>>(
    `WITH due AS (
       SELECT message_id, state AS prior FROM outbox
       WHERE (state = 'pending' AND next_attempt_at <= $1) OR (state = 'sending' AND lease_until <= $1)
       ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     UPDATE outbox o SET state = 'sending', attempts = o.attempts + 1, lease_until = $3, updated_at = $1,
       awaiting_proof = o.awaiting_proof OR due.prior = 'sending'
     FROM due WHERE o.message_id = due.message_id
     RETURNING o.message_id, o.payload, o.attempts, o.awaiting_proof`,
    [now, limit, leaseUntil],
  );
  return rows;
}

/** Who an outbound message goes to, and whether it still needs sending. */
export async function findSendTarget(
  db: Queryable,
  messageId: string,
): Promise<{ status: string; provider_message_id: string | null; contact_id: string; phone: string | null; wa_id: string | null } | null> {
  const { rows } = await db.query<{ status: string; provider_message_id: string | null; contact_id: string; phone: string | null; wa_id: string | null }>(
    `SELECT m.status, m.provider_message_id, ct.id AS contact_id, ct.phone, ct.wa_id
     FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts ct ON ct.id = c.contact_id WHERE m.id = $1`,
    [messageId],
  );
  return rows[0] ?? null;
}

/** The row is finished: sent, proven sent, or nothing left to send. `onlyIfSending` leaves a row another worker took over. */
export async function markDone(db: Queryable, messageId: string, now: Date, onlyIfSending = false): Promise<void> {
  await db.query(
    `UPDATE outbox SET state = 'done', lease_until = NULL, last_error = NULL, updated_at = $2 WHERE message_id = $1 AND ${onlyIfSending ? "state = 'sending'" : "state <> 'failed'"}`,
    [messageId, now],
  );
}

/** Row-locks the row if this worker's attempt still holds it (same attempt number, still sending). */
export async function holdsAttempt(db: Queryable, messageId: string, attempts: number): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM outbox WHERE message_id = $1 AND state = 'sending' AND attempts = $2 FOR UPDATE`, [messageId, attempts]);
  return rows.length > 0;
}

/** Back to pending until `nextAt`; `awaitingProof` marks a send that may have gone out. */
export async function reschedule(db: Queryable, messageId: string, nextAt: Date, error: string, now: Date, awaitingProof = false): Promise<void> {
  await db.query(
    `UPDATE outbox SET state = 'pending', awaiting_proof = awaiting_proof OR $5, next_attempt_at = $2, lease_until = NULL, last_error = $3, updated_at = $4
     WHERE message_id = $1`,
    [messageId, nextAt, error, now, awaitingProof],
  );
}

export async function markFailed(db: Queryable, messageId: string, error: string, now: Date): Promise<void> {
  await db.query(`UPDATE outbox SET state = 'failed', lease_until = NULL, last_error = $2, updated_at = $3 WHERE message_id = $1`, [messageId, error, now]);
}
