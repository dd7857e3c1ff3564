/** Plain inserts for the demo data (demo/seed.ts); ids are made here and returned. */
import { randomUUID } from 'node:crypto';
import type { Template } from '../../../shared/api/templates';
import type { Queryable } from '../db/db';

export async function insertTemplate(tx: Queryable, tpl: Omit<Template, 'id' | 'updatedAt'>, updatedAt: Date): Promise<void> {
  await tx.query(
    `INSERT INTO templates (id, name, language, category, status, status_reason, parameter_format, components, examples, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [randomUUID(), tpl.name, tpl.language, tpl.category, tpl.status, tpl.statusReason ?? null, tpl.parameterFormat,
      JSON.stringify(tpl.components), JSON.stringify(tpl.examples ?? {}), updatedAt],
  );
}

/** A contact; one with a phone is on WhatsApp, its `wa_id` the phone's digits. */
export async function insertContact(tx: Queryable, c: { name: string; phone: string | null; email: string | null; createdAt: Date }): Promise<string> {
  const id = randomUUID();
  await tx.query('INSERT INTO contacts (id, name, phone, email, whatsapp, wa_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    id, c.name, c.phone, c.email, c.phone !== null, c.phone?.replace(/^\+/, '') ?? null, c.createdAt,
  ]);
  return id;
}

/** An open ticket. */
export async function insertTicket(tx: Queryable, t: { contactId: string; subject: string; assigneeId: string | null; at: Date }): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO tickets (id, subject, status, contact_id, assignee_id, created_at, updated_at) VALUES ($1, $2, 'open', $3, $4, $5, $5)`,
    [id, t.subject, t.contactId, t.assigneeId, t.at],
  );
  return id;
}

/** A conversation created by its assignee. */
export async function insertConversation(
  tx: Queryable,
  c: { contactId: string; ticketId: string | null; state: string; assignee: string | null; windowExpiresAt?: Date | null; autoCloseAt?: Date | null; lastMessageAt: Date; createdAt: Date },
): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO conversations (id, contact_id, ticket_id, state, assignee_id, window_expires_at, auto_close_at, last_message_at, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $5)`,
    [id, c.contactId, c.ticketId, c.state, c.assignee, c.windowExpiresAt ?? null, c.autoCloseAt ?? null, c.lastMessageAt, c.createdAt],
  );
  return id;
}

export async function insertMessage(
  tx: Queryable,
  conversationId: string,
  m: {
    direction: 'inbound' | 'outbound'; text: string; at: Date; author?: string | null; status?: string; template?: { name: string; language: string };
    /** Real content (issue 12): a kept file, a place, reactions on it. */
    kind?: 'media' | 'location'; attachmentId?: string; content?: Record<string, unknown>; reactions?: { emoji: string; direction: 'inbound' | 'outbound'; at: string }[];
  },
): Promise<string> {
  const id = randomUUID();
  await tx.query(
    `INSERT INTO messages (id, conversation_id, direction, kind, template_name, template_language, text, status, author_id, created_at, attachment_id, content, reactions)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [id, conversationId, m.direction, m.kind ?? (m.template ? 'template' : 'text'), m.template?.name ?? null, m.template?.language ?? null,
      m.text, m.status ?? (m.direction === 'inbound' ? 'received' : 'read'), m.author ?? null, m.at, m.attachmentId ?? null,
      m.content ? JSON.stringify(m.content) : null, JSON.stringify(m.reactions ?? [])],
  );
  return id;
}

/** A file of the demo, kept like an upload (the caller stores its bytes). */
export async function insertDemoAttachment(
  tx: Queryable,
  a: { id: string; type: 'image' | 'document'; mimeType: string; fileName: string; size: number; sha256: string; storage: 'database' | 'file'; uploadedBy: string | null; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO attachments (id, type, mime_type, file_name, size, sha256, state, storage, uploaded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'ready', $7, $8, $9)`,
    [a.id, a.type, a.mimeType, a.fileName, a.size, a.sha256, a.storage, a.uploadedBy, a.at],
  );
}

/** A billable interaction (opened window) of the demo's history, for the consumption report. */
export async function insertInteraction(tx: Queryable, conversationId: string, agentId: string, category: string, at: Date): Promise<void> {
  await tx.query('INSERT INTO interactions (id, conversation_id, agent_id, category, opened_at) VALUES ($1, $2, $3, $4, $5)', [
    randomUUID(), conversationId, agentId, category, at,
  ]);
}

/** Marks a conversation closed as history (no events; its ticket shows it with its transcript). */
export async function markConversationClosed(tx: Queryable, id: string, reason: string, closedAt: Date): Promise<void> {
  await tx.query(`UPDATE conversations SET state = 'closed', closed_reason = $3, closed_at = $2 WHERE id = $1`, [id, closedAt, reason]);
}
