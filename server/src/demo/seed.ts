import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../../shared/api/schemas';
import { renderTemplate } from '../../../shared/domain/template-params';
import { WINDOW_MS } from '../../../shared/domain/window';
import { hashPassword } from '../auth/passwords';
import type { AttachmentStore } from '../attachments/store';
import type { Db, Queryable } from '../db/db';
import { insertContact, insertConversation, insertDemoAttachment, insertInteraction, insertMessage, insertTemplate, insertTicket, markConversationClosed } from '../repo/demo';
import { countUsers, insertUser } from '../repo/users';
import { putRateCard } from '../repo/pricing';
import { DEMO_RATE_CARD } from './rate-card';
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

/** Files the demo's conversations hold (made for the demo: a shipping label photographed, a shipping receipt). */
const DEMO_FILES = join(import.meta.dirname, 'files');

/**
 * Loads the demo data of architecture.md into an empty database; returns false if it was not
 * empty. Bruno's conversation shows real WhatsApp content too: his photo of the
 * shipping label, the receipt the agent sent him as a PDF (with his reaction), and his address as
 * a location.
 */
export async function seedDemoData(db: Db, now: Date, store: AttachmentStore): Promise<boolean> {
  if ((await countUsers(db)) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const t = (offsetMs: number) => new Date(now.getTime() + offsetMs);
    const users: Record<string, string> = {};
    for (const u of DEMO_USERS) {
      users[u.email] = randomUUID();
      await insertUser(tx, { id: users[u.email]!, email: u.email, name: u.name, role: u.role, passwordHash, createdAt: t(-30 * 24 * H) });
    }
    const agent = users['agent@demo.test']!;
    for (const tpl of DEMO_TEMPLATES) await insertTemplate(tx, tpl, t(-7 * 24 * H));
    const contact = (name: string, phone: string | null, email: string | null) => insertContact(tx, { name, phone, email, createdAt: t(-60 * 24 * H) });
    const ticket = (contactId: string, subject: string, at: Date, assignee: string | null = null) =>
      insertTicket(tx, { contactId, subject, assigneeId: assignee, at });
    const conversation = (c: Parameters<typeof insertConversation>[1]) => insertConversation(tx, c);
    const message = (conversationId: string, m: Parameters<typeof insertMessage>[2]) => insertMessage(tx, conversationId, m);
    const interaction = (conversationId: string, agentId: string, category: string, at: Date) => insertInteraction(tx, conversationId, agentId, category, at);

    // Bruno Costa: open conversation with agent@demo.test, the customer wrote 2 h ago.
    const bruno = await contact('Bruno Costa', '+5511999990001', 'bruno.costa@example.com');
    const brunoTicket = await ticket(bruno, 'Pedido A-1001 atrasado', t(-3 * H), agent);
    const brunoConv = await conversation({ contactId: bruno, ticketId: brunoTicket, state: 'open', assignee: agent, windowExpiresAt: t(-2 * H + WINDOW_MS), lastMessageAt: t(-2 * H), createdAt: t(-3 * H) });
    await message(brunoConv, { direction: 'inbound', text: 'Oi, meu pedido A-1001 ainda não chegou.', at: t(-3 * H) });
    const file = async (name: string, type: 'image' | 'document', mimeType: string, uploadedBy: string | null) => {
      const bytes = readFileSync(join(DEMO_FILES, name));
      const id = randomUUID();
      await insertDemoAttachment(tx, {
        id, type, mimeType, fileName: name, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), storage: store.storage, uploadedBy, at: t(-3 * H),
      });
      await store.put(tx, id, bytes);
      return id;
    };
    await message(brunoConv, {
      direction: 'inbound', kind: 'media', text: 'A etiqueta diz que saiu para entrega', at: t(-3 * H + 2 * M),
      attachmentId: await file('etiqueta-A-1001.jpg', 'image', 'image/jpeg', null),
    });
    await message(brunoConv, { direction: 'outbound', text: 'Olá Bruno! Vou verificar com a transportadora e já te retorno.', at: t(-3 * H + 10 * M), author: agent });
    await message(brunoConv, {
      direction: 'outbound', kind: 'media', text: 'Segue o comprovante de envio.', at: t(-2 * H - 20 * M), author: agent,
      attachmentId: await file('comprovante-A-1001.pdf', 'document', 'application/pdf', agent),
      reactions: [{ emoji: '👍', direction: 'inbound', at: t(-2 * H - 15 * M).toISOString() }],
    });
    await message(brunoConv, {
      direction: 'inbound', kind: 'location', text: 'Casa, Rua das Flores, 120 - Pinheiros, São Paulo - SP', at: t(-2 * H - 5 * M),
      content: { location: { latitude: -23.5614, longitude: -46.6829, name: 'Casa', address: 'Rua das Flores, 120 - Pinheiros, São Paulo - SP' } },
    });
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
    await markConversationClosed(tx, carlaConv, 'window_expired', t(-3 * 24 * H));

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

    // Prices: a rate card named as a demo (example prices), so quotes and costs show at once.
    await putRateCard(tx, DEMO_RATE_CARD, users['admin@demo.test']!, t(-7 * 24 * H));
  });
  return true;
}

/** For `create-user`: the first administrator of a production install. */
export async function createUser(db: Queryable, user: { email: string; name: string; role: Role; password: string }, now: Date) {
  await insertUser(db, {
    id: randomUUID(),
    email: user.email.trim().toLowerCase(),
    name: user.name,
    role: user.role,
    passwordHash: await hashPassword(user.password),
    createdAt: now,
  });
}
