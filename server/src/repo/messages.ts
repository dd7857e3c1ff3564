import { randomUUID } from 'node:crypto';
import type { Message } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import { isoRequired, storable } from './rows';

interface MessageRow {
  id: string;
  conversation_id: string;
  direction: Message['direction'];
  kind: Message['kind'];
  template_name: string | null;
  template_language: string | null;
  text: string;
  status: Message['status'];
  error_code: string | null;
  error_message: string | null;
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
}

const SELECT = `SELECT m.*, u.name AS author_name FROM messages m LEFT JOIN users u ON u.id = m.author_id`;

function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    direction: row.direction,
    kind: row.kind,
    template: row.template_name ? { name: row.template_name, language: row.template_language ?? '' } : null,
    text: row.text,
    status: row.status,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
    createdAt: isoRequired(row.created_at),
    attachments: [],
    reactions: [],
  };
}

export interface NewMessage {
  conversationId: string;
  direction: Message['direction'];
  kind: Message['kind'];
  text: string;
  status: Message['status'];
  authorId?: string | null;
  template?: { name: string; language: string } | null;
  /** The provider's id for the message (Meta's `wamid`), when known. */
  providerMessageId?: string | null;
  createdAt: Date;
}

/** Stores one message and reads it back with its author, in one statement. */
export async function insertMessage(db: Queryable, m: NewMessage): Promise<Message> {
  const { rows } = await db.query<MessageRow>(
    `WITH ins AS (
       INSERT INTO messages (id, conversation_id, direction, kind, template_name, template_language, text, status, author_id, created_at, provider_message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *)
     SELECT ins.*, u.name AS author_name FROM ins LEFT JOIN users u ON u.id = ins.author_id`,
    [randomUUID(), m.conversationId, m.direction, m.kind, m.template?.name ?? null, m.template?.language ?? null, storable(m.text), m.status,
      m.authorId ?? null, m.createdAt, m.providerMessageId ?? null],
  );
  return toMessage(rows[0]!);
}

export async function findMessage(db: Queryable, id: string): Promise<Message | null> {
  const { rows } = await db.query<MessageRow>(`${SELECT} WHERE m.id = $1`, [id]);
  return rows[0] ? toMessage(rows[0]) : null;
}

/** Oldest first; `before` pages backwards from a message id. */
export async function listMessages(db: Queryable, conversationId: string, limit: number, before?: string): Promise<Message[]> {
  const params: unknown[] = [conversationId, limit];
  let cond = '';
  if (before) {
    params.push(before);
    cond = `AND (m.created_at, m.seq) < (SELECT created_at, seq FROM messages WHERE id = $3)`;
  }
  const { rows } = await db.query<MessageRow>(
    `SELECT * FROM (${SELECT} WHERE m.conversation_id = $1 ${cond} ORDER BY m.created_at DESC, m.seq DESC LIMIT $2) page
     ORDER BY created_at ASC, seq ASC`,
    params,
  );
  return rows.map(toMessage);
}

/** Sets one message's status (and error); the message as it is now, or null if there is none. */
export async function updateMessageStatus(
  db: Queryable,
  id: string,
  status: Message['status'],
  error?: { code: string; message: string },
): Promise<Message | null> {
  return (await updateMessageStatuses(db, [{ id, status, error }]))[0] ?? null;
}

/** Records the provider's id on an outbound message that has none yet; false if it already had one. */
export async function setProviderMessageId(db: Queryable, id: string, providerMessageId: string): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE messages SET provider_message_id = $2 WHERE id = $1 AND provider_message_id IS NULL AND direction = 'outbound'
       AND NOT EXISTS (SELECT 1 FROM messages WHERE provider_message_id = $2) RETURNING id`,
    [id, providerMessageId],
  );
  return rows.length > 0;
}

/** What a status change needs to know of a message (see movesForward). */
export interface StatusTarget {
  id: string;
  providerMessageId: string | null;
  status: Message['status'];
  direction: Message['direction'];
  errorCode: string | null;
}

interface StatusRow {
  id: string;
  provider_message_id: string | null;
  status: Message['status'];
  direction: Message['direction'];
  error_code: string | null;
}

const toTarget = (r: StatusRow): StatusTarget => ({ id: r.id, providerMessageId: r.provider_message_id, status: r.status, direction: r.direction, errorCode: r.error_code });

/** Row-locks a message for a status change, or null if there is none. */
export async function lockMessageStatus(db: Queryable, id: string): Promise<StatusTarget | null> {
  const { rows } = await db.query<StatusRow>('SELECT id, provider_message_id, status, direction, error_code FROM messages WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ? toTarget(rows[0]) : null;
}

/** Messages by the provider's ids, row-locked in id order, for status changes. */
export async function lockByProviderIds(db: Queryable, providerIds: string[]): Promise<StatusTarget[]> {
  if (!providerIds.length) return [];
  const { rows } = await db.query<StatusRow>(
    `SELECT id, provider_message_id, status, direction, error_code FROM messages WHERE provider_message_id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [providerIds],
  );
  return rows.map(toTarget);
}

/** Sets many messages' statuses in one statement (UPDATE ... FROM unnest); returns those that exist, updated, in order. */
export async function updateMessageStatuses(
  db: Queryable,
  list: { id: string; status: Message['status']; error?: { code: string; message: string } | null }[],
): Promise<Message[]> {
  if (!list.length) return [];
  const { rows } = await db.query<MessageRow>(
    `WITH upd AS (
       UPDATE messages m SET status = v.status, error_code = v.code, error_message = v.msg
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS v(id, status, code, msg) WHERE m.id = v.id RETURNING m.*)
     SELECT upd.*, u.name AS author_name FROM upd LEFT JOIN users u ON u.id = upd.author_id`,
    [list.map((m) => m.id), list.map((m) => m.status), list.map((m) => m.error?.code ?? null), list.map((m) => (m.error ? storable(m.error.message) : null))],
  );
  const byId = new Map(rows.map((r) => [r.id, toMessage(r)]));
  return list.flatMap((m) => byId.get(m.id) ?? []);
}
