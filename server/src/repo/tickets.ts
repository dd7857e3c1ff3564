import type { Ticket, TimelineEntry } from '../../../shared/api/tickets';
import type { Queryable } from '../db/db';
import { isUuid } from './conversations';
import { isoRequired } from './rows';

export interface TicketSummaryRow {
  id: string;
  number: number;
  subject: string;
  status: 'open' | 'pending' | 'solved' | 'closed';
  contactId: string;
}

export async function findTicketSummary(db: Queryable, id: string): Promise<TicketSummaryRow | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<{ id: string; number: number; subject: string; status: TicketSummaryRow['status']; contact_id: string }>(
    'SELECT id, number, subject, status, contact_id FROM tickets WHERE id = $1',
    [id],
  );
  const row = rows[0];
  return row ? { id: row.id, number: Number(row.number), subject: row.subject, status: row.status, contactId: row.contact_id } : null;
}

/** The ticket with its contact and its whole timeline, oldest entry first. */
export async function findTicket(db: Queryable, id: string): Promise<Omit<Ticket, 'serverTime'> | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<{
    id: string; number: number; subject: string; status: Ticket['status']; priority: Ticket['priority'];
    contact_id: string; contact_name: string; contact_phone: string | null; assignee_id: string | null; assignee_name: string | null;
    created_at: Date; updated_at: Date;
  }>(
    `SELECT t.*, c.name AS contact_name, c.phone AS contact_phone, u.name AS assignee_name
     FROM tickets t JOIN contacts c ON c.id = t.contact_id LEFT JOIN users u ON u.id = t.assignee_id WHERE t.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  const entries = await db.query<{ id: string; kind: 'note' | 'chat_action'; author_id: string | null; author_name: string | null; body: unknown; created_at: Date }>(
    `SELECT e.*, u.name AS author_name FROM ticket_timeline e LEFT JOIN users u ON u.id = e.author_id WHERE e.ticket_id = $1 ORDER BY e.created_at, e.id`,
    [id],
  );
  return {
    id: row.id,
    number: Number(row.number),
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    contact: { id: row.contact_id, name: row.contact_name, phone: row.contact_phone },
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    createdAt: isoRequired(row.created_at),
    updatedAt: isoRequired(row.updated_at),
    timeline: entries.rows.map(
      (e) =>
        ({
          id: e.id,
          kind: e.kind,
          author: e.author_id ? { id: e.author_id, name: e.author_name ?? '' } : null,
          body: typeof e.body === 'string' ? JSON.parse(e.body) : e.body,
          createdAt: isoRequired(e.created_at),
        }) as TimelineEntry,
    ),
  };
}
