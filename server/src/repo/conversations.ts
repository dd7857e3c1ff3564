import type { Conversation } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import { containsPattern, iso, isoRequired, SqlParams } from './rows';

/** One SELECT that yields everything the Conversation shape needs, including list extensions. */
export const CONVERSATION_SELECT = `
  SELECT c.*, ct.name AS contact_name, ct.phone AS contact_phone, u.name AS assignee_name,
         lm.text AS lm_text, lm.direction AS lm_direction, lm.kind AS lm_kind, lm.created_at AS lm_created_at
  FROM conversations c
  JOIN contacts ct ON ct.id = c.contact_id
  LEFT JOIN users u ON u.id = c.assignee_id
  LEFT JOIN LATERAL (
    SELECT text, direction, kind, created_at FROM messages m
    WHERE m.conversation_id = c.id ORDER BY m.created_at DESC, m.seq DESC LIMIT 1
  ) lm ON true`;

export interface ConversationRow {
  id: string;
  contact_id: string;
  ticket_id: string | null;
  state: Conversation['state'];
  assignee_id: string | null;
  window_expires_at: Date | null;
  auto_close_at: Date | null;
  closed_reason: Conversation['closedReason'];
  closed_at: Date | null;
  last_message_at: Date | null;
  created_at: Date;
  contact_name: string;
  contact_phone: string | null;
  assignee_name: string | null;
  lm_text: string | null;
  lm_direction: 'inbound' | 'outbound' | null;
  lm_kind: 'text' | 'template' | null;
  lm_created_at: Date | null;
}

export function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    contactId: row.contact_id,
    ticketId: row.ticket_id,
    channel: 'whatsapp',
    state: row.state,
    assigneeId: row.assignee_id,
    windowExpiresAt: iso(row.window_expires_at),
    autoCloseAt: iso(row.auto_close_at),
    closedReason: row.closed_reason ?? null,
    closedAt: iso(row.closed_at),
    lastMessageAt: iso(row.last_message_at),
    createdAt: isoRequired(row.created_at),
    contact: { id: row.contact_id, name: row.contact_name, phone: row.contact_phone },
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    lastMessage:
      row.lm_text !== null && row.lm_direction && row.lm_kind && row.lm_created_at
        ? { text: row.lm_text, direction: row.lm_direction, kind: row.lm_kind, createdAt: isoRequired(row.lm_created_at) }
        : null,
  };
}

export async function findConversation(db: Queryable, id: string): Promise<Conversation | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<ConversationRow>(`${CONVERSATION_SELECT} WHERE c.id = $1`, [id]);
  return rows[0] ? toConversation(rows[0]) : null;
}

export async function findActiveConversationForContact(db: Queryable, contactId: string): Promise<Conversation | null> {
  const { rows } = await db.query<ConversationRow>(`${CONVERSATION_SELECT} WHERE c.contact_id = $1 AND c.state <> 'closed'`, [
    contactId,
  ]);
  return rows[0] ? toConversation(rows[0]) : null;
}

export interface ListFilter {
  states?: string[];
  assigneeId?: string;
  q?: string;
  limit: number;
  cursor?: { lastMessageAt: string | null; id: string };
}

/** Newest activity first; the cursor is the (lastMessageAt, id) of the last row of the page. */
export async function listConversations(db: Queryable, filter: ListFilter): Promise<Conversation[]> {
  const where: string[] = [];
  const p = new SqlParams();
  const param = (value: unknown) => p.add(value);
  if (filter.states?.length) where.push(`c.state = ANY(${param(filter.states)}::text[])`);
  if (filter.assigneeId) where.push(`c.assignee_id = ${param(filter.assigneeId)}`);
  if (filter.q) {
    const like = param(containsPattern(filter.q));
    where.push(`(ct.name ILIKE ${like} OR ct.phone ILIKE ${like})`);
  }
  if (filter.cursor) {
    const at = param(filter.cursor.lastMessageAt ?? '-infinity');
    const id = param(filter.cursor.id);
    where.push(`(COALESCE(c.last_message_at, '-infinity'::timestamptz), c.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const sql = `${CONVERSATION_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY COALESCE(c.last_message_at, '-infinity'::timestamptz) DESC, c.id DESC LIMIT ${param(filter.limit)}`;
  const { rows } = await db.query<ConversationRow>(sql, p.values);
  return rows.map(toConversation);
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
