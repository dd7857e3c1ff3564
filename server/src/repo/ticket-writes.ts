/** The writes of the ticket routes: edits and notes. */
import { randomUUID } from 'node:crypto';
import type { Ticket } from '../../../shared/api/tickets';
import type { Queryable } from '../db/db';

export interface TicketChange {
  status?: Ticket['status'];
  priority?: Ticket['priority'];
  /** undefined keeps the assignee, null removes it. */
  assigneeId?: string | null;
}

/** Applies a change and stamps `updated_at`; false when no such ticket. */
export async function updateTicket(db: Queryable, id: string, change: TicketChange, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE tickets SET status = COALESCE($2, status), priority = COALESCE($3, priority),
       assignee_id = CASE WHEN $4::boolean THEN $5::uuid ELSE assignee_id END, updated_at = $6
     WHERE id = $1 RETURNING id`,
    [id, change.status ?? null, change.priority ?? null, change.assigneeId !== undefined, change.assigneeId ?? null, now],
  );
  return rows.length > 0;
}

/** Adds a note to the timeline and stamps the ticket, in the caller's transaction; false when no such ticket. */
export async function addTicketNote(tx: Queryable, id: string, authorId: string, text: string, now: Date): Promise<boolean> {
  const { rows } = await tx.query('UPDATE tickets SET updated_at = $2 WHERE id = $1 RETURNING id', [id, now]);
  if (!rows.length) return false;
  await tx.query(`INSERT INTO ticket_timeline (id, ticket_id, kind, author_id, body, created_at) VALUES ($1, $2, 'note', $3, $4, $5)`, [
    randomUUID(), id, authorId, JSON.stringify({ text }), now,
  ]);
  return true;
}
