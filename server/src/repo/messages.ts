import { randomUUID } from 'node:crypto';
import type { Message } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import { isoRequired } from './rows';

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
  const id = randomUUID();
  await db.query(
    `INSERT INTO messages (id, conversation_id, direction, kind, template_name, template_language, text, status, author_id, created_at, provider_message_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [id, m.conversationId, m.direction, m.kind, m.template?.name ?? null, m.template?.language ?? null, m.text, m.status, m.authorId ?? null, m.createdAt,
      m.providerMessageId ?? null],
  );
  return (await findMessage(db, id))!;
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
