import type { Contact, Role } from '../../../shared/api/schemas';
import { contactSession } from '../../../shared/domain/session';
import type { Queryable } from '../db/db';
import { phoneVariants } from '../domain/phone';
import { findActiveConversationForContact, isUuid } from './conversations';
import { containsPattern } from './rows';

interface ContactRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  whatsapp: boolean;
  had_conversation: boolean;
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

/** The contact with this number, by phone or `wa_id`, also under its other Brazilian form (ninth digit). */
export async function findContactIdByPhone(db: Queryable, phone: string): Promise<string | null> {
  const digits = phoneVariants(phone);
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM contacts WHERE phone = ANY($1::text[]) OR wa_id = ANY($2::text[])
     ORDER BY (phone = ($1::text[])[1] OR wa_id = ($2::text[])[1]) IS TRUE DESC, created_at ASC LIMIT 1`,
    [digits.map((d) => `+${d}`), digits],
  );
  return rows[0]?.id ?? null;
}
