import { randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/api/schemas';
import { renderTemplate } from '../../../shared/domain/template-params';
import { WINDOW_MS } from '../../../shared/domain/window';
import { hashPassword } from '../auth/passwords';
import type { Db, Queryable } from '../db/db';
import { attachChatAction } from '../domain/tickets';
import { DEMO_TEMPLATES } from './templates';

export const DEMO_PASSWORD = 'demo-password';

export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@demo.test', name: 'Marta Alves', role: 'administrator' },
  { email: 'operator@demo.test', name: 'Otávio Pereira', role: 'operator' },
  { email: 'agent@demo.test', name: 'Ana Ribeiro', role: 'agent' },
  { email: 'agent2@demo.test', name: 'Lucas Ferreira', role: 'agent' },
  { email: 'supervisor@demo.test', name: 'Sofia Martins', role: 'supervisor' },
];

const H = 60 * 60 * 1000;
const M = 60 * 1000;

/** Loads the demo data of architecture.md into an empty database; returns false if it was not empty. */
export async function seedDemoData(db: Db, now: Date): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (rows[0]!.n > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const t = (offsetMs: number) => new Date(now.getTime() + offsetMs);
    const users: Record<string, string> = {};
    for (const u of DEMO_USERS) {
      users[u.email] = randomUUID();
      await tx.query('INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        users[u.email], u.email, u.name, u.role, passwordHash, t(-30 * 24 * H),
      ]);
    }
    const agent = users['agent@demo.test']!;
    for (const tpl of DEMO_TEMPLATES) {
      await tx.query(
        `INSERT INTO templates (id, name, language, category, status, status_reason, parameter_format, components, examples, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [randomUUID(), tpl.name, tpl.language, tpl.category, tpl.status, tpl.statusReason ?? null, tpl.parameterFormat,
          JSON.stringify(tpl.components), JSON.stringify(tpl.examples ?? {}), t(-7 * 24 * H)],
      );
    }
    const contact = async (name: string, phone: string | null, email: string | null) => {
      const id = randomUUID();
      await tx.query('INSERT INTO contacts (id, name, phone, email, whatsapp, wa_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        id, name, phone, email, phone !== null, phone?.replace(/^\+/, '') ?? null, t(-60 * 24 * H),
      ]);
      return id;
    };
    const ticket = async (contactId: string, subject: string, at: Date, assignee: string | null = null) => {
      const id = randomUUID();
      await tx.query(
        `INSERT INTO tickets (id, subject, status, contact_id, assignee_id, created_at, updated_at) VALUES ($1, $2, 'open', $3, $4, $5, $5)`,
        [id, subject, contactId, assignee, at],
      );
      return id;
    };
    const conversation = async (c: { contactId: string; ticketId: string | null; state: string; assignee: string | null; windowExpiresAt?: Date | null; autoCloseAt?: Date | null; lastMessageAt: Date; createdAt: Date }) => {
      const id = randomUUID();
      await tx.query(
        `INSERT INTO conversations (id, contact_id, ticket_id, state, assignee_id, window_expires_at, auto_close_at, last_message_at, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $5)`,
        [id, c.contactId, c.ticketId, c.state, c.assignee, c.windowExpiresAt ?? null, c.autoCloseAt ?? null, c.lastMessageAt, c.createdAt],
      );
      return id;
    };
    const message = (conversationId: string, m: { direction: 'inbound' | 'outbound'; text: string; at: Date; author?: string | null; status?: string; template?: { name: string; language: string } }) =>
      tx.query(
        `INSERT INTO messages (id, conversation_id, direction, kind, template_name, template_language, text, status, author_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [randomUUID(), conversationId, m.direction, m.template ? 'template' : 'text', m.template?.name ?? null, m.template?.language ?? null,
          m.text, m.status ?? (m.direction === 'inbound' ? 'received' : 'read'), m.author ?? null, m.at],
      );

    /** A billable interaction (opened window) of the demo's history, for the consumption report. */
    const interaction = (conversationId: string, agentId: string, category: string, at: Date) =>
      tx.query('INSERT INTO interactions (id, conversation_id, agent_id, category, opened_at) VALUES ($1, $2, $3, $4, $5)', [
        randomUUID(), conversationId, agentId, category, at,
      ]);

    // Bruno Costa: open conversation with agent@demo.test, the customer wrote 2 h ago.
    const bruno = await contact('Bruno Costa', '+5511999990001', 'bruno.costa@example.com');
    const brunoTicket = await ticket(bruno, 'Pedido A-1001 atrasado', t(-3 * H), agent);
    const brunoConv = await conversation({ contactId: bruno, ticketId: brunoTicket, state: 'open', assignee: agent, windowExpiresAt: t(-2 * H + WINDOW_MS), lastMessageAt: t(-2 * H), createdAt: t(-3 * H) });
    await message(brunoConv, { direction: 'inbound', text: 'Oi, meu pedido A-1001 ainda não chegou.', at: t(-3 * H) });
    await message(brunoConv, { direction: 'outbound', text: 'Olá Bruno! Vou verificar com a transportadora e já te retorno.', at: t(-3 * H + 10 * M), author: agent });
    await message(brunoConv, { direction: 'inbound', text: 'Obrigado, fico no aguardo.', at: t(-2 * H) });
    await interaction(brunoConv, agent, 'SERVICE', t(-3 * H));

    // Carla Mendes: last conversation closed 3 days ago; open ticket "Troca de produto".
    const carla = await contact('Carla Mendes', '+5511999990002', 'carla.mendes@example.com');
    const carlaTicket = await ticket(carla, 'Troca de produto', t(-5 * 24 * H), agent);
    const carlaConv = await conversation({ contactId: carla, ticketId: carlaTicket, state: 'open', assignee: agent, windowExpiresAt: t(-4 * 24 * H + WINDOW_MS), lastMessageAt: t(-4 * 24 * H), createdAt: t(-4 * 24 * H - H) });
    await message(carlaConv, { direction: 'inbound', text: 'Quero trocar o tênis por um número maior.', at: t(-4 * 24 * H - H) });
    await message(carlaConv, { direction: 'outbound', text: 'Claro, Carla! Abrimos a troca; você receberá a etiqueta por e-mail.', at: t(-4 * 24 * H - 30 * M), author: agent });
    await message(carlaConv, { direction: 'inbound', text: 'Perfeito, obrigada!', at: t(-4 * 24 * H) });
    await interaction(carlaConv, agent, 'SERVICE', t(-4 * 24 * H - H));
    await tx.query(`UPDATE conversations SET state = 'closed', closed_reason = 'window_expired', closed_at = $2 WHERE id = $1`, [carlaConv, t(-3 * 24 * H)]);
    await attachChatAction(tx, { conversationId: carlaConv, ticketId: carlaTicket, reason: 'window_expired', closedBy: null, now: t(-3 * 24 * H) });

    // Diego Ramos: in a chatbot flow.
    const diego = await contact('Diego Ramos', '+5511999990003', null);
    await ticket(diego, 'Dúvida sobre entrega', t(-2 * 24 * H));
    const diegoConv = await conversation({ contactId: diego, ticketId: null, state: 'bot', assignee: null, windowExpiresAt: t(-10 * M + WINDOW_MS), lastMessageAt: t(-9 * M), createdAt: t(-10 * M) });
    await message(diegoConv, { direction: 'inbound', text: 'Oi', at: t(-10 * M) });
    await message(diegoConv, { direction: 'outbound', text: 'Olá! Sou o assistente virtual. Digite 1 para segunda via, 2 para pedidos.', at: t(-10 * M + 2000) });
    await message(diegoConv, { direction: 'inbound', text: '2', at: t(-9 * M) });

    // Elena Souza: never contacted; open ticket "Segunda via de boleto".
    const elena = await contact('Elena Souza', '+5511999990004', 'elena.souza@example.com');
    await ticket(elena, 'Segunda via de boleto', t(-1 * 24 * H));

    // Fábio Lima: e-mail only, not reachable on WhatsApp.
    await contact('Fábio Lima', null, 'fabio.lima@example.com');

    // Gabriela Rocha: template sent 1 h ago by agent@demo.test, waiting, auto-closes in 23 h.
    const gabriela = await contact('Gabriela Rocha', '+5511999990006', 'gabriela.rocha@example.com');
    const gabrielaTicket = await ticket(gabriela, 'Pedido A-2040', t(-1 * H), agent);
    const gabrielaConv = await conversation({ contactId: gabriela, ticketId: gabrielaTicket, state: 'waiting', assignee: agent, autoCloseAt: t(23 * H), lastMessageAt: t(-1 * H), createdAt: t(-1 * H) });
    const orderUpdate = DEMO_TEMPLATES.find((tpl) => tpl.name === 'order_update' && tpl.language === 'pt_BR')!;
    await message(gabrielaConv, { direction: 'outbound', text: renderTemplate(orderUpdate, { '1': 'Gabriela', '2': 'A-2040' }), at: t(-1 * H), author: agent, status: 'delivered', template: { name: 'order_update', language: 'pt_BR' } });
  });
  return true;
}

/** For `create-user`: the first administrator of a production install. */
export async function createUser(db: Queryable, user: { email: string; name: string; role: Role; password: string }, now: Date) {
  await db.query('INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    randomUUID(), user.email.trim().toLowerCase(), user.name, user.role, await hashPassword(user.password), now,
  ]);
}
