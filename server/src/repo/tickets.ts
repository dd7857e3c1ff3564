import type { Role } from '../../../shared/api/schemas';
import type { Ticket, TicketSummaryItem, TimelineEntry } from '../../../shared/api/tickets';
import { findContact } from './contacts';
import type { Queryable } from '../db/db';
import { isUuid } from './conversations';
import { containsPattern, isoRequired, SqlParams, storable } from './rows';

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

/**
 * A ticket's timeline ($1 the ticket, $2 its contact): its notes, and a chat action for each of its
 * closed conversations, read from the conversation row (shared/api/tickets.ts ChatAction: reason,
 * who closed it, when) with the whole transcript from its messages. A conversation always belongs
 * to its ticket's contact, so the contact's index finds them.
 */
const TIMELINE_SQL = `
  SELECT e.id, e.kind, e.author_id, u.name AS author_name, e.body, e.created_at
  FROM ticket_timeline e LEFT JOIN users u ON u.id = e.author_id WHERE e.ticket_id = $1
  UNION ALL
  SELECT c.id, 'chat_action', c.closed_by, u.name,
    jsonb_build_object(
      'conversationId', c.id, 'closedReason', c.closed_reason, 'closedAt', iso_ms(c.closed_at),
      'closedBy', CASE WHEN c.closed_by IS NULL THEN jsonb_build_object('type', 'system') ELSE jsonb_build_object('type', 'user', 'id', c.closed_by, 'name', u.name) END,
      'transcript', COALESCE((
        SELECT jsonb_agg(jsonb_build_object(
          'direction', m.direction, 'kind', m.kind,
          'template', CASE WHEN m.template_name IS NULL THEN NULL ELSE jsonb_build_object('name', m.template_name, 'language', COALESCE(m.template_language, '')) END,
          'author', a.name, 'text', m.text, 'status', m.status,
          'createdAt', iso_ms(m.created_at),
          'attachments', COALESCE((SELECT jsonb_agg(attachment_json(f)) FROM attachments f WHERE f.id = m.attachment_id), '[]'::jsonb)
        ) ORDER BY m.created_at, m.seq)
        FROM messages m LEFT JOIN users a ON a.id = m.author_id WHERE m.conversation_id = c.id), '[]'::jsonb)),
    c.closed_at
  FROM conversations c LEFT JOIN users u ON u.id = c.closed_by
  WHERE c.contact_id = $2 AND c.ticket_id = $1 AND c.state = 'closed'`;

/** The ticket with its customer (and their session as `role` sees it), linked conversations and whole timeline. */
export async function findTicket(db: Queryable, id: string, role: Role): Promise<Omit<Ticket, 'serverTime'> | null> {
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
    `${TIMELINE_SQL} ORDER BY created_at, id`,
    [id, row.contact_id],
  );
  const customer = (await findContact(db, row.contact_id, role))!;
  const conversations = await db.query<{ id: string; state: Ticket['conversations'][number]['state']; created_at: Date }>(
    'SELECT id, state, created_at FROM conversations WHERE contact_id = $2 AND ticket_id = $1 ORDER BY created_at DESC',
    [id, row.contact_id],
  );
  return {
    id: row.id,
    number: Number(row.number),
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    customer,
    conversations: conversations.rows.map((c) => ({ id: c.id, state: c.state, createdAt: isoRequired(c.created_at) })),
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

interface TicketListRow {
  id: string; number: number; subject: string; status: Ticket['status']; priority: Ticket['priority'];
  contact_id: string; contact_name: string; contact_phone: string | null; assignee_id: string | null; assignee_name: string | null;
  created_at: Date; updated_at: Date;
}

export interface TicketFilter {
  q?: string;
  statuses?: string[];
  /** A user id, or null for unassigned tickets. */
  assigneeId?: string | null;
  contactId?: string;
  limit: number;
  cursor?: { updatedAt: string; id: string };
}

/** Most recently updated first; `q` matches the number, the subject and the contact's name or phone. */
export async function listTickets(db: Queryable, filter: TicketFilter): Promise<TicketSummaryItem[]> {
  const where: string[] = [];
  const p = new SqlParams();
  if (filter.statuses?.length) where.push(`t.status = ANY(${p.add(filter.statuses)}::text[])`);
  if (filter.assigneeId === null) where.push('t.assignee_id IS NULL');
  else if (filter.assigneeId) where.push(`t.assignee_id = ${p.add(filter.assigneeId)}`);
  if (filter.contactId) where.push(`t.contact_id = ${p.add(filter.contactId)}`);
  if (filter.q) {
    const like = p.add(containsPattern(filter.q.replace(/^#/, '')));
    where.push(`(t.number::text ILIKE ${like} OR t.subject ILIKE ${like} OR c.name ILIKE ${like} OR c.phone ILIKE ${like})`);
  }
  if (filter.cursor) where.push(`(t.updated_at, t.id) < (${p.add(filter.cursor.updatedAt)}::timestamptz, ${p.add(filter.cursor.id)}::uuid)`);
  const { rows } = await db.query<TicketListRow>(
    `SELECT t.*, c.name AS contact_name, c.phone AS contact_phone, u.name AS assignee_name
     FROM tickets t JOIN contacts c ON c.id = t.contact_id LEFT JOIN users u ON u.id = t.assignee_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.updated_at DESC, t.id DESC LIMIT ${p.add(filter.limit)}`,
    p.values,
  );
  return rows.map((row) => ({
    id: row.id,
    number: Number(row.number),
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    contact: { id: row.contact_id, name: row.contact_name, phone: row.contact_phone },
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    createdAt: isoRequired(row.created_at),
    updatedAt: isoRequired(row.updated_at),
  }));
}

/**
 * SQL for a statement that closes conversations: the CTEs `new_ticket` (id, ticket_id), a new
 * ticket for each conversation of `source` (a CTE of row-locked conversations with id, ticket_id,
 * contact_id, assignee_id) that has none, and `filed`, which stores them (subject "WhatsApp:
 * <contact>", the conversation's contact and assignee, created at `at`). The statement links them.
 */
export function newLinkedTicketsSql(source: string, at: string): string {
  return `new_ticket AS (SELECT s.id, gen_random_uuid() AS ticket_id, s.contact_id, s.assignee_id FROM ${source} s WHERE s.ticket_id IS NULL),
    filed AS (
      INSERT INTO tickets (id, subject, status, contact_id, assignee_id, created_at, updated_at)
      SELECT n.ticket_id, 'WhatsApp: ' || ct.name, 'open', n.contact_id, n.assignee_id, ${at}, ${at}
      FROM new_ticket n JOIN contacts ct ON ct.id = n.contact_id)`;
}

/** A new open ticket; returns its id. */
export async function createTicket(db: Queryable, t: { subject: string; contactId: string; assigneeId: string | null; now: Date }): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO tickets (id, subject, status, contact_id, assignee_id, created_at, updated_at) VALUES (gen_random_uuid(), $1, 'open', $2, $3, $4, $4) RETURNING id`,
    [storable(t.subject), t.contactId, t.assigneeId, t.now],
  );
  return rows[0]!.id;
}
