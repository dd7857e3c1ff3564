import type { ContactSummary } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import { iso } from './rows';

/** An open or waiting conversation whose window or auto-close time falls in a range, with its people. */
export interface ExpiringCandidate {
  conversationId: string;
  state: 'open' | 'waiting';
  windowExpiresAt: string | null;
  autoCloseAt: string | null;
  contact: ContactSummary;
  agent: { id: string; name: string } | null;
}

interface CandidateRow {
  id: string;
  state: 'open' | 'waiting';
  window_expires_at: Date | null;
  auto_close_at: Date | null;
  contact_id: string;
  contact_name: string;
  contact_phone: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
}

/**
 * Conversations whose deadline falls in (from, until], by the indexed deadline_at column (which
 * mirrors shared/domain/deadline.ts; the caller applies that rule to the rows).
 */
export async function listExpiringCandidates(db: Queryable, from: Date, until: Date): Promise<ExpiringCandidate[]> {
  const { rows } = await db.query<CandidateRow>(
    `SELECT c.id, c.state, c.window_expires_at, c.auto_close_at,
            ct.id AS contact_id, ct.name AS contact_name, ct.phone AS contact_phone, u.id AS assignee_id, u.name AS assignee_name
     FROM conversations c JOIN contacts ct ON ct.id = c.contact_id LEFT JOIN users u ON u.id = c.assignee_id
     WHERE c.deadline_at > $1 AND c.deadline_at <= $2
     ORDER BY c.deadline_at, c.id`,
    [from, until],
  );
  return rows.map((r) => ({
    conversationId: r.id,
    state: r.state,
    windowExpiresAt: iso(r.window_expires_at),
    autoCloseAt: iso(r.auto_close_at),
    contact: { id: r.contact_id, name: r.contact_name, phone: r.contact_phone },
    agent: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
  }));
}
