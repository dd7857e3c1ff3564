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

export async function insertMessage(db: Queryable, m: NewMessage): Promise<Message> {
  const [message] = await insertMessages(db, [m]);
  return message!;
}

/**
 * Inserts messages in one statement, in the given order; returns them in that order. A message
 * whose provider id is already stored is left out of the result (null in its place). The
 * conversations' last-message preview follows by trigger (migration 007).
 */
export async function insertMessages(db: Queryable, list: NewMessage[]): Promise<(Message | null)[]> {
  if (!list.length) return [];
  const ids = list.map(() => randomUUID());
  const { rows } = await db.query<MessageRow>(
    `WITH ins AS (
       INSERT INTO messages (id, conversation_id, direction, kind, template_name, template_language, text, status, author_id, created_at, provider_message_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::timestamptz[], $11::text[])
       ON CONFLICT (provider_message_id) DO NOTHING RETURNING *)
     SELECT ins.*, u.name AS author_name FROM ins LEFT JOIN users u ON u.id = ins.author_id`,
    [
      ids,
      list.map((m) => m.conversationId),
      list.map((m) => m.direction),
      list.map((m) => m.kind),
      list.map((m) => m.template?.name ?? null),
      list.map((m) => m.template?.language ?? null),
      list.map((m) => storable(m.text)),
      list.map((m) => m.status),
      list.map((m) => m.authorId ?? null),
      list.map((m) => m.createdAt),
      list.map((m) => m.providerMessageId ?? null),
    ],
  );
  const byId = new Map(rows.map((r) => [r.id, toMessage(r)]));
  return ids.map((id) => byId.get(id) ?? null);
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

export async function updateMessageStatus(
  db: Queryable,
  id: string,
  status: Message['status'],
  error?: { code: string; message: string },
): Promise<Message | null> {
  await db.query('UPDATE messages SET status = $2, error_code = $3, error_message = $4 WHERE id = $1', [
    id,
    status,
    error?.code ?? null,
    error?.message ?? null,
  ]);
  return findMessage(db, id);
}

/** The message the provider knows under this id (Meta's `wamid`). */
export async function findMessageIdByProviderId(db: Queryable, providerMessageId: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM messages WHERE provider_message_id = $1', [providerMessageId]);
  return rows[0]?.id ?? null;
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

/** Row-locks a message for a status change; what movesForward needs, or null. */
export async function lockMessageStatus(db: Queryable, id: string): Promise<{ status: Message['status']; direction: Message['direction']; errorCode: string | null } | null> {
  const { rows } = await db.query<{ status: Message['status']; direction: Message['direction']; error_code: string | null }>(
    'SELECT status, direction, error_code FROM messages WHERE id = $1 FOR UPDATE',
    [id],
  );
  return rows[0] ? { status: rows[0].status, direction: rows[0].direction, errorCode: rows[0].error_code } : null;
}

/** Outbound messages by the provider's ids, row-locked in id order, with what movesForward needs. */
export async function lockByProviderIds(
  db: Queryable,
  providerIds: string[],
): Promise<{ id: string; providerMessageId: string; status: Message['status']; direction: Message['direction']; errorCode: string | null }[]> {
  if (!providerIds.length) return [];
  const { rows } = await db.query<{ id: string; provider_message_id: string; status: Message['status']; direction: Message['direction']; error_code: string | null }>(
    `SELECT id, provider_message_id, status, direction, error_code FROM messages WHERE provider_message_id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [providerIds],
  );
  return rows.map((r) => ({ id: r.id, providerMessageId: r.provider_message_id, status: r.status, direction: r.direction, errorCode: r.error_code }));
}

/** Sets many messages' statuses in one statement (UPDATE ... FROM unnest); returns them updated. */
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
  return list.map((m) => byId.get(m.id)!);
}
