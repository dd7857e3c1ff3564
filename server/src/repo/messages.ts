import { randomUUID } from 'node:crypto';
import { Message as MessageSchema, type Message } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import { toStoredEvent, writingEvents, type EventBody, type StoredEvent } from './events';
import { storable, storableJson } from './rows';

/**
 * Messages are turned into JSON text by the database's message_json_text (migration 017), the one
 * place for that shape, shared with the events the ingest function writes. `m` is a messages row,
 * `u` its author; the attachment is looked up by id (only when there is one).
 */
const MESSAGE_JSON = `message_json_text(m::messages, u.name, CASE WHEN m.attachment_id IS NULL THEN '[]'
  ELSE COALESCE((SELECT '[' || string_agg(attachment_json_text(a), ',') || ']' FROM attachments a WHERE a.id = m.attachment_id), '[]') END)`;
const SELECT = `SELECT ${MESSAGE_JSON} AS message FROM messages m LEFT JOIN users u ON u.id = m.author_id`;

interface JsonRow {
  message: Message | string;
}

const toMessage = (row: JsonRow): Message => MessageSchema.parse(typeof row.message === 'string' ? JSON.parse(row.message) : row.message);

export interface NewMessage {
  conversationId: string;
  direction: Message['direction'];
  kind: Message['kind'];
  text: string;
  status: Message['status'];
  authorId?: string | null;
  template?: { name: string; language: string } | null;
  /** A file sent with the message (kind `media`; the text is its caption). */
  attachmentId?: string | null;
  /** The provider's id for the message (Meta's `wamid`), when known. */
  providerMessageId?: string | null;
  /** Structured content (the `content` column: location, contacts, assignment...). */
  content?: Record<string, unknown> | null;
  createdAt: Date;
}

/** Stores one message and reads it back with its author, in one statement. */
export async function insertMessage(db: Queryable, m: NewMessage): Promise<Message> {
  const { rows } = await db.query<JsonRow>(
    `WITH ins AS (
       INSERT INTO messages (id, conversation_id, direction, kind, template_name, template_language, text, status, author_id, created_at, provider_message_id, attachment_id, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb) RETURNING *)
     SELECT ${MESSAGE_JSON} AS message FROM ins m LEFT JOIN users u ON u.id = m.author_id`,
    [randomUUID(), m.conversationId, m.direction, m.kind, m.template?.name ?? null, m.template?.language ?? null, storable(m.text), m.status,
      m.authorId ?? null, m.createdAt, m.providerMessageId ?? null, m.attachmentId ?? null, m.content ? storableJson(m.content) : null],
  );
  return toMessage(rows[0]!);
}

export async function findMessage(db: Queryable, id: string): Promise<Message | null> {
  const { rows } = await db.query<JsonRow>(`${SELECT} WHERE m.id = $1`, [id]);
  return rows[0] ? toMessage(rows[0]) : null;
}

/** These messages as they are now, in id order. */
export async function findMessages(db: Queryable, ids: string[]): Promise<Message[]> {
  if (!ids.length) return [];
  const { rows } = await db.query<JsonRow>(`${SELECT} WHERE m.id = ANY($1::uuid[]) ORDER BY m.id`, [ids]);
  return rows.map(toMessage);
}

/** Oldest first; `before` pages backwards from a message id. */
export async function listMessages(db: Queryable, conversationId: string, limit: number, before?: string): Promise<Message[]> {
  const params: unknown[] = [conversationId, limit];
  let cond = '';
  if (before) {
    params.push(before);
    cond = `AND (m.created_at, m.seq) < (SELECT created_at, seq FROM messages WHERE id = $3)`;
  }
  const { rows } = await db.query<JsonRow>(
    `SELECT message FROM (SELECT ${MESSAGE_JSON} AS message, m.created_at, m.seq FROM messages m LEFT JOIN users u ON u.id = m.author_id
       WHERE m.conversation_id = $1 ${cond} ORDER BY m.created_at DESC, m.seq DESC LIMIT $2) page
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
  error?: { code: string; message: string; title?: string; details?: string },
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

const STATUS_UPDATE = `UPDATE messages m SET status = v.status, error_code = v.code, error_message = v.msg, error_title = v.title, error_details = v.details
  FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS v(id, status, code, msg, title, details) WHERE m.id = v.id RETURNING m.*`;

type StatusChange = { id: string; status: Message['status']; error?: { code: string; message: string; title?: string; details?: string } | null };

function statusParameters(list: StatusChange[]): unknown[] {
  const text = (v: string | undefined) => (v ? storable(v).slice(0, 1000) : null);
  return [list.map((m) => m.id), list.map((m) => m.status), list.map((m) => m.error?.code ?? null), list.map((m) => (m.error ? storable(m.error.message) : null)),
    list.map((m) => text(m.error?.title)), list.map((m) => text(m.error?.details))];
}

/** Sets many messages' statuses in one statement (UPDATE ... FROM unnest); returns those that exist, updated, in order. */
export async function updateMessageStatuses(db: Queryable, list: StatusChange[]): Promise<Message[]> {
  if (!list.length) return [];
  const { rows } = await db.query<JsonRow>(
    `WITH upd AS (${STATUS_UPDATE}) SELECT ${MESSAGE_JSON} AS message FROM upd m LEFT JOIN users u ON u.id = m.author_id`,
    statusParameters(list),
  );
  const messages = rows.map(toMessage);
  const byId = new Map(messages.map((message) => [message.id, message]));
  return list.flatMap((m) => byId.get(m.id) ?? []);
}

/**
 * updateMessageStatuses, and in the same statement each updated message's `message.updated`
 * event (NOTIFY at commit when `notify`): the message's JSON is built once, in the database, for
 * the event and the caller. Returns the stored events in input order.
 */
export async function updateMessageStatusesWithEvents(db: Queryable, list: StatusChange[], at: Date, notify: boolean): Promise<StoredEvent[]> {
  if (!list.length) return [];
  const insert = `INSERT INTO events (type, payload, created_at)
    SELECT 'message.updated', ('{"type":"message.updated","message":' || ${MESSAGE_JSON} || '}')::json, $7
    FROM upd m JOIN unnest($1::uuid[]) WITH ORDINALITY AS o(id, n) ON o.id = m.id LEFT JOIN users u ON u.id = m.author_id ORDER BY o.n
    RETURNING seq, payload`;
  const { rows } = await db.query<{ seq: string; payload: EventBody | string }>(
    writingEvents([`upd AS (${STATUS_UPDATE})`], insert, notify), [...statusParameters(list), at],
  );
  return rows.map(toStoredEvent);
}

/**
 * The customer's own message with WhatsApp id `providerId`, row-locked, if the customer (any of
 * the stored forms of `phoneForms`, digits) is who sent it: a reaction or an edit from one
 * customer never touches another's messages.
 */
async function lockCustomerMessage(db: Queryable, providerId: string, phoneForms: string[], direction?: Message['direction']): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts ct ON ct.id = c.contact_id
     WHERE m.provider_message_id = $1 AND ($3::text IS NULL OR m.direction = $3)
       AND (ct.wa_id = ANY($2::text[]) OR ct.phone = ANY(SELECT '+' || d FROM unnest($2::text[]) AS d))
     FOR UPDATE OF m`,
    [providerId, phoneForms, direction ?? null],
  );
  return rows[0]?.id ?? null;
}

/** Sets (or with '' removes) one side's reaction on a message of this customer's; its id, or null when there is no such message. */
export async function setReaction(db: Queryable, r: { providerId: string; phoneForms: string[]; direction: Message['direction']; emoji: string; at: Date }): Promise<string | null> {
  const id = await lockCustomerMessage(db, r.providerId, r.phoneForms);
  if (!id) return null;
  await db.query(
    `UPDATE messages SET reactions = COALESCE((SELECT jsonb_agg(x) FROM jsonb_array_elements(reactions) x WHERE x->>'direction' <> $2), '[]'::jsonb)
       || CASE WHEN $3 = '' THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object('emoji', $3::text, 'direction', $2::text, 'at', iso_ms($4))) END
     WHERE id = $1`,
    [id, r.direction, storable(r.emoji).slice(0, 40), r.at],
  );
  return id;
}

/** The customer edited a message they sent: new text (and content, for a media caption or the like), marked edited; its id, or null. */
export async function editCustomerMessage(db: Queryable, e: { providerId: string; phoneForms: string[]; text: string; content: unknown; at: Date }): Promise<string | null> {
  const id = await lockCustomerMessage(db, e.providerId, e.phoneForms, 'inbound');
  if (!id) return null;
  await db.query(
    `UPDATE messages SET text = $2, content = COALESCE($3::jsonb, content), edited_at = GREATEST(COALESCE(edited_at, $4), $4) WHERE id = $1`,
    [id, storable(e.text), e.content === null ? null : storableJson(e.content), e.at],
  );
  return id;
}
