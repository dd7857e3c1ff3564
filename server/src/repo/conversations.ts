import type { ClosedReason, Conversation, ConversationState, ConversationView, Role } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import { conversationEventText, conversationPeople, writingEvents } from './events';
import { containsPattern, iso, isoRequired, SqlParams } from './rows';
import { newLinkedTicketsSql } from './tickets';

/**
 * One SELECT that yields everything the Conversation shape needs, including list extensions. The
 * last-message preview (lm_*) is kept on the row by a trigger on messages (migration 007).
 */
export const CONVERSATION_SELECT = `
  SELECT c.*, ct.name AS contact_name, ct.phone AS contact_phone, u.name AS assignee_name
  FROM conversations c
  JOIN contacts ct ON ct.id = c.contact_id
  LEFT JOIN users u ON u.id = c.assignee_id`;

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
  /** Only when the query asked for the caller's unread count. */
  unread_count?: number;
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
    ...(row.unread_count === undefined ? {} : { unreadCount: Number(row.unread_count) }),
  };
}

/** The viewer's read mark on conversation `c` (placeholder `userParam`), or -infinity. */
const readMark = (userParam: string) =>
  `COALESCE((SELECT r.read_at FROM conversation_reads r WHERE r.user_id = ${userParam}::uuid AND r.conversation_id = c.id), '-infinity')`;

/** Customer messages of conversation `c` after the viewer's read mark. */
const unreadCount = (userParam: string) =>
  `(SELECT count(*)::int FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.created_at > ${readMark(userParam)})`;

/** One conversation with the viewer's unread count. */
export async function findConversationFor(db: Queryable, id: string, viewerId: string): Promise<Conversation | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<ConversationRow>(
    `SELECT c.*, ${unreadCount('$2')} AS unread_count FROM (${CONVERSATION_SELECT} WHERE c.id = $1) c`,
    [id, viewerId],
  );
  return rows[0] ? toConversation(rows[0]) : null;
}

export interface Viewer {
  id: string;
  role: Role;
}

/**
 * The SQL condition of an inbox view for this viewer (see shared/api/schemas.ts ConversationView),
 * on conversations `c`. Who may open which view is checked by the caller (shared/domain/inbox.ts).
 */
function viewCondition(view: ConversationView, viewer: Viewer, param: (value: unknown) => string): string {
  switch (view) {
    case 'mine':
      return `c.assignee_id = ${param(viewer.id)}::uuid AND c.state IN ('open', 'waiting')`;
    case 'unassigned':
      return `c.assignee_id IS NULL AND c.state = 'open'`;
    case 'waiting':
      return viewer.role === 'agent' ? `c.state = 'waiting' AND c.assignee_id = ${param(viewer.id)}::uuid` : `c.state = 'waiting'`;
    case 'all':
      // One row per contact: its latest conversation (the active one, when it has one).
      return `NOT EXISTS (SELECT 1 FROM conversations n WHERE n.contact_id = c.contact_id AND (n.created_at, n.id) > (c.created_at, c.id))`;
  }
}

/** How many conversations each view holds for this viewer, and how many of them have unread customer messages. */
export async function countViews(db: Queryable, views: readonly ConversationView[], viewer: Viewer): Promise<{ view: ConversationView; count: number; unread: number }[]> {
  if (!views.length) return [];
  const p = new SqlParams();
  const param = (value: unknown) => p.add(value);
  const me = param(viewer.id);
  // Unread: a customer message after the viewer's mark (last_inbound_at is kept by the messages trigger).
  const parts = views.map(
    (view) => `SELECT ${param(view)}::text AS view, count(*)::int AS count,
        count(*) FILTER (WHERE c.last_inbound_at > COALESCE(r.read_at, '-infinity'))::int AS unread
      FROM conversations c LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = ${me}::uuid
      WHERE ${viewCondition(view, viewer, param)}`,
  );
  const { rows } = await db.query<{ view: ConversationView; count: number; unread: number }>(parts.join(' UNION ALL '), p.values);
  return views.map((view) => {
    const row = rows.find((r) => r.view === view);
    return { view, count: Number(row?.count ?? 0), unread: Number(row?.unread ?? 0) };
  });
}

/** Marks a conversation read for a user up to `at` (a mark never moves back). */
export async function markRead(db: Queryable, userId: string, conversationId: string, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO conversation_reads (user_id, conversation_id, read_at) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, conversation_id) DO UPDATE SET read_at = GREATEST(conversation_reads.read_at, EXCLUDED.read_at)`,
    [userId, conversationId, at],
  );
}

/** Gives a row-locked conversation to a user, or to nobody. */
export async function setAssignee(db: Queryable, id: string, assigneeId: string | null): Promise<void> {
  await db.query('UPDATE conversations SET assignee_id = $2 WHERE id = $1', [id, assigneeId]);
}

/** A contact's conversations, newest first; `before` pages back from a conversation id. */
export async function listContactConversations(db: Queryable, contactId: string, limit: number, before?: string): Promise<Conversation[]> {
  const params: unknown[] = [contactId, limit];
  let cond = '';
  if (before) {
    params.push(before);
    cond = 'AND (c.created_at, c.id) < (SELECT created_at, id FROM conversations WHERE id = $3)';
  }
  const { rows } = await db.query<ConversationRow>(
    `${CONVERSATION_SELECT} WHERE c.contact_id = $1 ${cond} ORDER BY c.created_at DESC, c.id DESC LIMIT $2`,
    params,
  );
  return rows.map(toConversation);
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
  view?: ConversationView;
  /** Whose unread counts the rows carry (and whose view it is). */
  viewer: Viewer;
  q?: string;
  limit: number;
  cursor?: { lastMessageAt: string | null; id: string };
}

/** Newest activity first; the cursor is the (lastMessageAt, id) of the last row of the page. */
export async function listConversations(db: Queryable, filter: ListFilter): Promise<Conversation[]> {
  const where: string[] = [];
  const p = new SqlParams();
  const param = (value: unknown) => p.add(value);
  const me = param(filter.viewer.id);
  if (filter.view) where.push(viewCondition(filter.view, filter.viewer, param));
  if (filter.states?.length) where.push(`c.state = ANY(${param(filter.states)}::text[])`);
  if (filter.assigneeId) where.push(`c.assignee_id = ${param(filter.assigneeId)}`);
  if (filter.q) {
    const like = param(containsPattern(filter.q));
    where.push(`(ct.name ILIKE ${like} OR ct.phone ILIKE ${like})`);
  }
  if (filter.cursor) {
    const at = param(filter.cursor.lastMessageAt ?? '-infinity');
    const id = param(filter.cursor.id);
    where.push(`(c.sort_at, c.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  // sort_at is COALESCE(last_message_at, '-infinity'), indexed with id: a page is an index range scan.
  const page = `${CONVERSATION_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY c.sort_at DESC, c.id DESC LIMIT ${param(filter.limit)}`;
  // The unread count only for the page's rows, in its order.
  const sql = `SELECT c.*, ${unreadCount(me)} AS unread_count FROM (${page}) c ORDER BY c.sort_at DESC, c.id DESC`;
  const { rows } = await db.query<ConversationRow>(sql, p.values);
  return rows.map(toConversation);
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** Row-locks one conversation for the caller's transaction; its state, or null if there is none. */
export async function lockConversation(db: Queryable, id: string): Promise<Conversation['state'] | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<{ state: Conversation['state'] }>('SELECT state FROM conversations WHERE id = $1 FOR UPDATE', [id]);
  return rows[0]?.state ?? null;
}

/** An agent wrote: the activity time moves, and a conversation nobody owned becomes the author's. */
export async function recordAgentMessage(db: Queryable, id: string, authorId: string, at: Date): Promise<void> {
  await db.query('UPDATE conversations SET last_message_at = $2, assignee_id = COALESCE(assignee_id, $3) WHERE id = $1', [id, at, authorId]);
}

/**
 * The statement that closes row-locked conversations, at $1 by $2: `target` (SQL yielding id,
 * reason, ticket_id, contact_id, assignee_id; its own parameters from $3) says which. Each gets
 * its reason, a linked ticket when it has none (repo/tickets.ts) and its conversation.updated
 * event (NOTIFY at commit when `notify`), and its ticket is marked updated. It selects `columns`
 * over the events written (`ev`: seq and payload), oldest first. With `summary` the columns
 * aggregate them, and each event names its conversation rather than holding it: readEvents puts
 * the conversation in when the event is read (migration 022), and nothing is built for a caller
 * that reads nothing back. Else each holds its conversation (conversationEventText).
 */
function closeSql(target: string, notify: boolean, columns: string, summary = false): string {
  return writingEvents(
    [
      `target AS (${target})`,
      newLinkedTicketsSql('target', '$1'),
      `closed AS (
         UPDATE conversations c SET state = 'closed', closed_reason = t.reason, closed_at = $1, closed_by = $2, ticket_id = COALESCE(c.ticket_id, n.ticket_id)
         FROM target t LEFT JOIN new_ticket n ON n.id = t.id WHERE c.id = t.id RETURNING c.*)`,
      `touched AS (UPDATE tickets t SET updated_at = $1 FROM (SELECT DISTINCT ticket_id FROM closed) k WHERE t.id = k.ticket_id)`,
    ],
    summary
      ? `INSERT INTO events (type, conversation_id, created_at) SELECT 'conversation.updated', s.id, $1 FROM closed s RETURNING seq`
      : `INSERT INTO events (type, payload, created_at)
         SELECT 'conversation.updated', (${conversationEventText(`'conversation.updated'`, 's::conversations')})::json, $1
         FROM closed s ${conversationPeople('s')}
         RETURNING seq, payload`,
    notify,
    columns,
    !summary,
  );
}

/**
 * Closes conversations the caller has row-locked and knows are not closed, each with its reason,
 * in one statement (see closeSql). Returns the closed conversations with their events' seqs.
 */
export async function closeConversations(
  db: Queryable,
  list: { id: string; reason: ClosedReason }[],
  closedBy: string | null,
  at: Date,
  notify: boolean,
): Promise<{ seq: number; conversation: Conversation }[]> {
  const { rows } = await db.query<{ seq: string; conversation: Conversation | string }>(
    closeSql(
      `SELECT c.id, v.reason, c.ticket_id, c.contact_id, c.assignee_id FROM unnest($3::uuid[], $4::text[]) AS v(id, reason) JOIN conversations c ON c.id = v.id`,
      notify,
      `ev.seq::text AS seq, ev.payload->'conversation' AS conversation`,
    ),
    [at, closedBy, list.map((c) => c.id), list.map((c) => c.reason)],
  );
  return rows.map((r) => ({ seq: Number(r.seq), conversation: (typeof r.conversation === 'string' ? JSON.parse(r.conversation) : r.conversation) as Conversation }));
}

/**
 * Closes up to `limit` conversations whose deadline has passed at `now` (deadline_at, the indexed
 * mirror of shared/domain/deadline.ts), most overdue first, in one statement that claims them FOR
 * UPDATE SKIP LOCKED (rows another instance's sweeper or a customer message holds are left to
 * them) and closes them (see closeSql), each with the reason `reasonByState` gives for its state:
 * the same rule's answer, computed by the caller. Nothing is read back: how many closed, the
 * highest seq of their events (null when none), and whether more than `limit` were due (the
 * statement sees the table as it was before it: a full batch with nothing left needs no next one).
 */
export async function closeDueConversations(
  db: Queryable,
  now: Date,
  limit: number,
  reasonByState: Partial<Record<ConversationState, ClosedReason>>,
  notify: boolean,
): Promise<{ closed: number; lastSeq: number | null; more: boolean }> {
  const { rows } = await db.query<{ closed: number; last: string | null; more: boolean }>(
    closeSql(
      `SELECT c.id, $4::jsonb ->> c.state AS reason, c.ticket_id, c.contact_id, c.assignee_id FROM conversations c
       WHERE c.deadline_at <= $1 ORDER BY c.deadline_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
      notify,
      `count(*)::int AS closed, max(ev.seq)::text AS last,
       (SELECT count(*) FROM (SELECT 1 FROM conversations WHERE deadline_at <= $1 LIMIT $3 + 1) due) > $3 AS more`,
      true,
    ),
    [now, null, limit, JSON.stringify(reasonByState)],
  );
  const row = rows[0]!;
  return { closed: Number(row.closed), lastSeq: row.last === null ? null : Number(row.last), more: row.more };
}

/** A session started with a template: waiting for the customer's reply until autoCloseAt. */
export async function insertWaitingConversation(
  db: Queryable,
  c: { id: string; contactId: string; ticketId: string; assigneeId: string; autoCloseAt: Date; now: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO conversations (id, contact_id, ticket_id, state, assignee_id, auto_close_at, last_message_at, created_at, created_by)
     VALUES ($1, $2, $3, 'waiting', $4, $5, $6, $6, $4)`,
    [c.id, c.contactId, c.ticketId, c.assigneeId, c.autoCloseAt, c.now],
  );
}
