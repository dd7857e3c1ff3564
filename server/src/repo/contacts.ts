import type { Contact, Role } from '../../../shared/api/schemas';
import { contactSession } from '../../../shared/domain/session';
import type { Queryable } from '../db/db';
import { phoneVariants } from '../domain/phone';
import { findActiveConversationForContact, isUuid } from './conversations';
import { containsPattern, storable } from './rows';

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

/**
 * The contact of each number (see findContactIdByPhone), creating the missing ones in one
 * statement. Creation is race-free across server instances: INSERT ... ON CONFLICT DO NOTHING, in
 * phone order (so two batches never wait on each other crosswise), then everything is read again.
 * Returns the contact id per input, in input order.
 */
export async function ensureContactsByPhone(db: Queryable, inputs: { phone: string; name?: string }[], now: Date): Promise<string[]> {
  let found = await contactIdsByPhone(db, inputs.map((i) => i.phone));
  const missing = new Map<string, { digits: string; name: string }>();
  inputs.forEach((input, i) => {
    if (found[i]) return;
    const digits = phoneVariants(input.phone)[0]!;
    const key = [...phoneVariants(input.phone)].sort()[0]!;
    if (!missing.has(key)) missing.set(key, { digits, name: storable(input.name?.trim() ?? '') || `+${digits}` });
  });
  if (missing.size) {
    const rows = [...missing.values()].sort((a, b) => (a.digits < b.digits ? -1 : 1));
    await db.query(
      `INSERT INTO contacts (id, name, phone, whatsapp, wa_id, created_at)
       SELECT gen_random_uuid(), n, '+' || d, true, d, $3 FROM unnest($1::text[], $2::text[]) AS v(d, n) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.digits), rows.map((r) => r.name), now],
    );
    found = await contactIdsByPhone(db, inputs.map((i) => i.phone));
  }
  return found.map((id, i) => {
    if (!id) throw new Error(`no contact could be stored for message ${i} of the batch`);
    return id;
  });
}

/** findContactIdByPhone for many numbers in one query; null where none matches. */
async function contactIdsByPhone(db: Queryable, phones: string[]): Promise<(string | null)[]> {
  const variants = phones.map((p) => phoneVariants(p));
  const all = [...new Set(variants.flat())];
  const { rows } = await db.query<{ id: string; phone: string | null; wa_id: string | null; created_at: Date }>(
    `SELECT id, phone, wa_id, created_at FROM contacts WHERE phone = ANY($1::text[]) OR wa_id = ANY($2::text[]) ORDER BY created_at ASC, id ASC`,
    [all.map((d) => `+${d}`), all],
  );
  return variants.map((forms) => {
    const matches = (r: (typeof rows)[number], d: string) => r.phone === `+${d}` || r.wa_id === d;
    const exact = rows.find((r) => matches(r, forms[0]!));
    return (exact ?? rows.find((r) => forms.some((d) => matches(r, d))))?.id ?? null;
  });
}

/** What a template send needs to know of a contact, and whether it ever had a conversation. */
export async function findContactForSend(db: Queryable, id: string): Promise<{ id: string; name: string; whatsapp: boolean; hadConversation: boolean } | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<ContactRow>(`${SELECT} WHERE ct.id = $1`, [id]);
  const row = rows[0];
  return row ? { id: row.id, name: row.name, whatsapp: row.whatsapp, hadConversation: row.had_conversation } : null;
}

/** WhatsApp told us the contact's `wa_id` on a send: recorded unless another contact has it. */
export async function recordWaId(db: Queryable, contactId: string, waId: string): Promise<void> {
  await db.query(
    `UPDATE contacts SET wa_id = $2 WHERE id = $1 AND wa_id IS DISTINCT FROM $2 AND NOT EXISTS (SELECT 1 FROM contacts WHERE wa_id = $2)`,
    [contactId, waId],
  );
}
