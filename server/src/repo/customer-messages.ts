/**
 * Customer messages of a batch, stored in ONE statement (data-modifying CTEs): new sessions, the
 * changes to existing ones, the billable interactions they open, the messages themselves, and
 * the conversations as they end up. The caller holds the contacts' locks and has row-locked their
 * sessions (lockContacts, lockActiveConversations), so nothing here can race.
 */
import type { Conversation, Message } from '../../../shared/api/schemas';
import { WINDOW_MS } from '../../../shared/domain/window';
import type { Queryable } from '../db/db';
import { toConversation, type ConversationRow } from './conversations';
import { storable } from './rows';

export interface SessionChange {
  conversationId: string;
  contactId: string;
  /** No session yet: a new open one starts. */
  isNew: boolean;
  /** The session was waiting for a reply to a template (prices the interaction). */
  answersTemplate: boolean;
  /** A chatbot keeps its conversation: no window, no interaction. */
  isBot: boolean;
  /** Earliest and latest customer message of the batch in this session; the latest one's text. */
  firstAt: Date;
  lastAt: Date;
  lastText: string;
}

export interface InboundMessage {
  id: string;
  conversationId: string;
  text: string;
  createdAt: Date;
  providerMessageId: string | null;
}

/**
 * The rules, as SQL: a bot keeps its conversation (only the activity time moves); any other
 * session becomes open with its window running 24 h from the latest message, and no auto-close;
 * a message reported late never shortens a window or moves the activity time or preview back.
 * An interaction (one unit per 24 h per conversation) is counted when none opened in the 24 h
 * before the batch's first message, priced by the answered template's category, else SERVICE.
 * Returns the sessions as they are now and which messages were stored (a provider id already
 * stored is skipped).
 */
export async function storeCustomerBatch(
  db: Queryable,
  sessions: SessionChange[],
  messages: InboundMessage[],
  now: Date,
): Promise<{ conversations: Conversation[]; stored: Set<string> }> {
  const { rows } = await db.query<ConversationRow & { stored_ids: string[] | null }>(
    `WITH g AS (
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::boolean[], $4::boolean[], $5::boolean[], $6::timestamptz[], $7::timestamptz[], $8::text[])
         AS g(cid, contact_id, is_new, answers, is_bot, first_at, last_at, last_text)),
     created AS (
       INSERT INTO conversations (id, contact_id, state, window_expires_at, last_message_at, created_at, lm_text, lm_direction, lm_kind, lm_created_at)
       SELECT cid, contact_id, 'open', last_at + $9 * interval '1 millisecond', last_at, $10, last_text, 'inbound', 'text', last_at FROM g WHERE is_new
       RETURNING *),
     updated AS (
       UPDATE conversations c SET
         state = CASE WHEN g.is_bot THEN c.state ELSE 'open' END,
         window_expires_at = CASE WHEN g.is_bot THEN c.window_expires_at ELSE GREATEST(c.window_expires_at, g.last_at + $9 * interval '1 millisecond') END,
         auto_close_at = CASE WHEN g.is_bot THEN c.auto_close_at END,
         last_message_at = GREATEST(c.last_message_at, g.last_at),
         lm_text = CASE WHEN c.lm_created_at > g.last_at THEN c.lm_text ELSE g.last_text END,
         lm_direction = CASE WHEN c.lm_created_at > g.last_at THEN c.lm_direction ELSE 'inbound' END,
         lm_kind = CASE WHEN c.lm_created_at > g.last_at THEN c.lm_kind ELSE 'text' END,
         lm_created_at = GREATEST(c.lm_created_at, g.last_at)
       FROM g WHERE c.id = g.cid AND NOT g.is_new
       RETURNING c.*),
     counted AS (
       INSERT INTO interactions (id, conversation_id, agent_id, category, opened_at)
       SELECT gen_random_uuid(), g.cid, c.assignee_id, COALESCE(tc.category, 'SERVICE'), g.first_at
       FROM g LEFT JOIN conversations c ON c.id = g.cid
       LEFT JOIN LATERAL (
         SELECT t.category FROM messages m JOIN templates t ON t.name = m.template_name AND t.language = m.template_language
         WHERE g.answers AND m.conversation_id = g.cid AND m.kind = 'template' ORDER BY m.created_at DESC, m.seq DESC LIMIT 1
       ) tc ON true
       WHERE NOT g.is_bot AND NOT EXISTS (
         SELECT 1 FROM interactions i WHERE i.conversation_id = g.cid AND i.opened_at > g.first_at - $9 * interval '1 millisecond')),
     stored AS (
       INSERT INTO messages (id, conversation_id, direction, kind, text, status, created_at, provider_message_id)
       SELECT id, cid, 'inbound', 'text', text, 'received', at, pid FROM unnest($11::uuid[], $12::uuid[], $13::text[], $14::timestamptz[], $15::text[]) AS m(id, cid, text, at, pid)
       ON CONFLICT (provider_message_id) DO NOTHING RETURNING id)
     SELECT s.*, ct.name AS contact_name, ct.phone AS contact_phone, u.name AS assignee_name, (SELECT array_agg(id) FROM stored) AS stored_ids
     FROM (SELECT * FROM created UNION ALL SELECT * FROM updated) s JOIN contacts ct ON ct.id = s.contact_id LEFT JOIN users u ON u.id = s.assignee_id`,
    [
      sessions.map((s) => s.conversationId), sessions.map((s) => s.contactId), sessions.map((s) => s.isNew), sessions.map((s) => s.answersTemplate),
      sessions.map((s) => s.isBot), sessions.map((s) => s.firstAt), sessions.map((s) => s.lastAt), sessions.map((s) => storable(s.lastText)),
      WINDOW_MS, now,
      messages.map((m) => m.id), messages.map((m) => m.conversationId), messages.map((m) => storable(m.text)), messages.map((m) => m.createdAt),
      messages.map((m) => m.providerMessageId),
    ],
  );
  return { conversations: rows.map(toConversation), stored: new Set(rows[0]?.stored_ids ?? []) };
}

/** An inbound message as the API shows it (what findMessage would read back). */
export function inboundMessage(m: InboundMessage): Message {
  return {
    id: m.id, conversationId: m.conversationId, direction: 'inbound', kind: 'text', template: null, text: storable(m.text),
    status: 'received', error: null, author: null, createdAt: m.createdAt.toISOString(),
  };
}
