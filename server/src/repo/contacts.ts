import type { Contact, Role } from '../../../shared/api/schemas';
import { contactSession } from '../../../shared/domain/session';
import type { Queryable } from '../db/db';
import { findActiveConversationForContact, isUuid } from './conversations';
import { containsPattern } from './rows';

interface ContactRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  whatsapp: boolean;
  had_conversation: boolean;
  marketing_opt_out_at: Date | null;
}

const SELECT = `SELECT ct.*, EXISTS (SELECT 1 FROM conversations c WHERE c.contact_id = ct.id) AS had_conversation FROM contacts ct`;

async function withSession(db: Queryable, row: ContactRow, role: Role): Promise<Contact> {
  const active = await findActiveConversationForContact(db, row.id);
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    whatsapp: row.whatsapp,
    marketingOptOutAt: row.marketing_opt_out_at ? row.marketing_opt_out_at.toISOString() : null,
    session: contactSession({
      whatsapp: row.whatsapp,
      hadConversation: row.had_conversation,
      role,
      active:
        active && active.state !== 'closed'
          ? {
              id: active.id,
              state: active.state,
              windowExpiresAt: active.windowExpiresAt,
              autoCloseAt: active.autoCloseAt,
              assignee: active.assignee,
            }
          : null,
    }),
  };
}

export async function findContact(db: Queryable, id: string, role: Role): Promise<Contact | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<ContactRow>(`${SELECT} WHERE ct.id = $1`, [id]);
  return rows[0] ? withSession(db, rows[0], role) : null;
}

export async function listContacts(db: Queryable, q: string | undefined, limit: number, role: Role): Promise<Contact[]> {
  const params: unknown[] = [limit];
  let where = '';
  if (q) {
    params.push(containsPattern(q));
    where = `WHERE ct.name ILIKE $2 OR ct.phone ILIKE $2 OR ct.email ILIKE $2`;
  }
  const { rows } = await db.query<ContactRow>(`${SELECT} ${where} ORDER BY ct.name ASC LIMIT $1`, params);
  return Promise.all(rows.map((row) => withSession(db, row, role)));
}


/** What a template send needs to know of a contact, and whether it ever had a conversation. */
export async function findContactForSend(
  db: Queryable,
  id: string,
): Promise<{ id: string; name: string; whatsapp: boolean; hadConversation: boolean; marketingOptOutAt: string | null } | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<ContactRow>(`${SELECT} WHERE ct.id = $1`, [id]);
  const row = rows[0];
  return row
    ? { id: row.id, name: row.name, whatsapp: row.whatsapp, hadConversation: row.had_conversation, marketingOptOutAt: row.marketing_opt_out_at?.toISOString() ?? null }
    : null;
}

/** WhatsApp told us the contact's `wa_id` on a send: recorded unless another contact has it. */
export async function recordWaId(db: Queryable, contactId: string, waId: string): Promise<void> {
  await db.query(
    `UPDATE contacts SET wa_id = $2 WHERE id = $1 AND wa_id IS DISTINCT FROM $2 AND NOT EXISTS (SELECT 1 FROM contacts WHERE wa_id = $2)`,
    [contactId, waId],
  );
}

/**
 * The customer changed their WhatsApp number: the contact known under any form of the old one
 * moves to the new one, unless another contact already has it (then nothing moves: a person
 * decides). Returns the contact's id when it moved.
 */
export async function moveContactNumber(db: Queryable, oldForms: string[], newWaId: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `UPDATE contacts SET phone = '+' || $2, wa_id = $2
     WHERE id = (SELECT id FROM contacts WHERE wa_id = ANY($1::text[]) OR phone = ANY(SELECT '+' || d FROM unnest($1::text[]) AS d) ORDER BY created_at LIMIT 1)
       AND NOT EXISTS (SELECT 1 FROM contacts WHERE wa_id = $2 OR phone = '+' || $2)
     RETURNING id`,
    [oldForms, newWaId],
  );
  return rows[0]?.id ?? null;
}

/** Records a customer's marketing choice (opted out at `at`, or resumed); false when no contact has that number. */
export async function setMarketingOptOut(db: Queryable, forms: string[], optedOut: boolean, at: Date): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE contacts SET marketing_opt_out_at = CASE WHEN $2 THEN $3::timestamptz END
     WHERE wa_id = ANY($1::text[]) OR phone = ANY(SELECT '+' || d FROM unnest($1::text[]) AS d) RETURNING id`,
    [forms, optedOut, at],
  );
  return rows.length > 0;
}
