/**
 * Bulk setup with SQL: `count` contacts, each with one conversation and its messages. Row number
 * `f.i` and time `f.at` (one minute apart, going back from now) are what the SQL fragments use.
 */
import type { Queryable } from '../../server/src/db/db';

export interface FillSpec {
  count: number;
  /** Digits every phone of this fill starts with (keeps fills and demo contacts apart). */
  phonePrefix: string;
  /** Extra conversation columns: column name to SQL over `f.i`, `f.at` (`state` is required). */
  conversation: Record<string, string> & { state: string };
  tickets?: boolean;
  /** Messages of each conversation; `where` (SQL over `f.i`) limits which conversations get one. */
  messages: { direction: 'inbound' | 'outbound'; kind: 'text' | 'template'; status: string; where?: string; wamid?: boolean; afterMinutes: number }[];
}

export async function fillConversations(db: Queryable, spec: FillSpec): Promise<void> {
  await db.query('DROP TABLE IF EXISTS bench_fill');
  await db.query('CREATE TABLE bench_fill (i int PRIMARY KEY, contact_id uuid, conversation_id uuid, ticket_id uuid, at timestamptz)');
  await db.query(
    `INSERT INTO bench_fill SELECT i, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), now() - i * interval '1 minute'
     FROM generate_series(1, $1::int) i`,
    [spec.count],
  );
  await db.query(
    `INSERT INTO contacts (id, name, phone, whatsapp, wa_id, created_at)
     SELECT f.contact_id, 'Bench ' || f.i, '+' || $1 || lpad(f.i::text, 7, '0'), true, $1 || lpad(f.i::text, 7, '0'), f.at FROM bench_fill f`,
    [spec.phonePrefix],
  );
  if (spec.tickets) {
    await db.query(
      `INSERT INTO tickets (id, subject, status, contact_id, created_at, updated_at)
       SELECT f.ticket_id, 'WhatsApp: Bench ' || f.i, 'open', f.contact_id, f.at, f.at FROM bench_fill f`,
    );
  }
  const columns = Object.keys(spec.conversation);
  await db.query(
    `INSERT INTO conversations (id, contact_id, ticket_id, created_at, last_message_at, ${columns.join(', ')})
     SELECT f.conversation_id, f.contact_id, ${spec.tickets ? 'f.ticket_id' : 'NULL'}, f.at, f.at, ${columns.map((c) => spec.conversation[c]).join(', ')}
     FROM bench_fill f`,
  );
  for (const m of spec.messages) {
    await db.query(
      `INSERT INTO messages (id, conversation_id, direction, kind, template_name, template_language, text, status, provider_message_id, created_at)
       SELECT gen_random_uuid(), f.conversation_id, $1::text, $2::text, CASE WHEN $2 = 'template' THEN 'order_update' END, CASE WHEN $2 = 'template' THEN 'pt_BR' END,
              CASE WHEN $1 = 'inbound' THEN 'Olá, meu pedido ' || f.i || ' ainda não chegou' ELSE 'Seu pedido ' || f.i || ' foi atualizado.' END,
              $3, ${m.wamid ? `'wamid.BENCH' || lpad(f.i::text, 8, '0')` : 'NULL'}, f.at + $4::int * interval '1 minute'
       FROM bench_fill f ${m.where ? `WHERE ${m.where}` : ''}`,
      [m.direction, m.kind, m.status, m.afterMinutes],
    );
  }
  await db.query(
    `UPDATE conversations c SET last_message_at = m.at FROM (SELECT conversation_id, max(created_at) AS at FROM messages GROUP BY conversation_id) m
     WHERE m.conversation_id = c.id AND c.id IN (SELECT conversation_id FROM bench_fill)`,
  );
  await db.query('ANALYZE');
}
