import { expect, it } from 'vitest';
import { contactOf, conversationOf, describeOnEachDatabase, type Harness } from './harness';

async function templateId(h: Harness, token: string, name: string, language: string, status = 'APPROVED') {
  const { body } = await h.api(`/api/v1/templates?status=${status}&q=${name}`, { token });
  return body.items.find((t: { name: string; language: string }) => t.name === name && t.language === language).id as string;
}

describeOnEachDatabase('templates and template sends', (h) => {
  const send = (token: string | undefined, body: unknown, key: string | null = `key-${Math.random()}`) =>
    h.api('/api/v1/template-sends', { token, body, headers: key ? { 'idempotency-key': key } : {} });

  it('lists only sendable templates by default, with filters; every status for administrators only', async () => {
    const agent = await h.login('agent@demo.test');
    const all = await h.api('/api/v1/templates', { token: agent });
    expect(all.body.items.map((t: { name: string; language: string }) => `${t.name}/${t.language}`).sort()).toEqual([
      'order_shipped/en_US', 'order_update/en_US', 'order_update/es', 'order_update/pt_BR', 'verify_code/en_US', 'welcome_back/es',
    ]);
    const es = await h.api('/api/v1/templates?language=es&category=MARKETING', { token: agent });
    expect(es.body.items.map((t: { name: string }) => t.name)).toEqual(['welcome_back']);
    const byText = await h.api('/api/v1/templates?q=verification', { token: agent });
    expect(byText.body.items.map((t: { name: string }) => t.name)).toEqual(['verify_code']);
    expect((await h.api('/api/v1/templates?status=ALL', { token: agent })).body.code).toBe('ROLE_NOT_ALLOWED');
    const admin = await h.api('/api/v1/templates?status=ALL', { token: await h.login('admin@demo.test') });
    expect(admin.body.items).toHaveLength(9);
  });

  it('syncs templates on demand for administrators only (the sandbox has nothing to fetch)', async () => {
    const admin = await h.login('admin@demo.test');
    const synced = await h.api('/api/v1/templates/sync', { token: admin, body: {} });
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({ provider: 'sandbox', synced: 9 });
    const agent = await h.api('/api/v1/templates/sync', { token: await h.login('agent@demo.test'), body: {} });
    expect(agent.status).toBe(403);
    expect(agent.body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await h.api('/webhooks/meta', {})).status).toBe(404);
  });

  it('refuses in the contract’s order: validation, key, role, contact, template, parameters, wait, session', async () => {
    const agent = await h.login('agent@demo.test');
    const supervisor = await h.login('supervisor@demo.test');
    const elena = await contactOf(h, agent, 'Elena Souza');
    const order = await templateId(h, agent, 'order_update', 'pt_BR');
    const paused = await templateId(h, await h.login('admin@demo.test'), 'payment_reminder', 'en_US', 'PAUSED');
    const good = { contactId: elena.id, templateId: order, parameters: { '1': 'Elena', '2': 'A-1234' }, maxWaitMinutes: 60 };
    const code = async (token: string | undefined, body: unknown, key?: string | null) => (await send(token, body, key)).body.code;

    expect(await code(undefined, good)).toBe('UNAUTHENTICATED');
    expect(await code(supervisor, { ...good, maxWaitMinutes: 'soon' })).toBe('VALIDATION_FAILED');
    expect(await code(agent, good, null)).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await code(supervisor, { ...good, contactId: (await contactOf(h, agent, 'Fábio Lima')).id })).toBe('ROLE_NOT_ALLOWED');
    expect(await code(agent, { ...good, contactId: '00000000-0000-4000-8000-000000000000' })).toBe('NOT_FOUND');
    expect(await code(agent, { ...good, contactId: (await contactOf(h, agent, 'Fábio Lima')).id, templateId: paused })).toBe('CHANNEL_NOT_WHATSAPP');
    expect(await code(agent, { ...good, templateId: paused, maxWaitMinutes: 0 })).toBe('TEMPLATE_NOT_APPROVED');
    const invalid = await send(agent, { ...good, parameters: { '1': 'Elena', '3': 'x' }, maxWaitMinutes: 0 });
    expect(invalid.body.code).toBe('TEMPLATE_PARAMETERS_INVALID');
    expect(invalid.body.errors).toEqual([{ path: 'parameters.2', message: 'missing' }, { path: 'parameters.3', message: 'unknown' }]);
    expect(await code(agent, { ...good, maxWaitMinutes: 7 * 24 * 60 + 1 })).toBe('MAX_WAIT_OUT_OF_RANGE');
    expect(await code(agent, { ...good, contactId: (await contactOf(h, agent, 'Diego Ramos')).id })).toBe('CONTACT_IN_CHATBOT');
    const gabriela = await send(agent, { ...good, contactId: (await contactOf(h, agent, 'Gabriela Rocha')).id });
    expect(gabriela.status).toBe(409);
    expect(gabriela.body.code).toBe('CONTACT_HAS_OPEN_SESSION');
    expect(Date.parse(gabriela.body.retryAt)).toBeGreaterThan(Date.now());
  });

  it('starts a waiting conversation with a new ticket, and the same key returns the same result without sending again', async () => {
    const agent = await h.login('agent@demo.test');
    const elena = await contactOf(h, agent, 'Elena Souza');
    const body = { contactId: elena.id, templateId: await templateId(h, agent, 'order_update', 'pt_BR'), parameters: { '1': 'Elena', '2': 'A-1234' }, maxWaitMinutes: 60 };
    const [first, second] = await Promise.all([send(agent, body, 'same-key-123'), send(agent, body, 'same-key-123')]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.message.id).toBe(first.body.message.id);
    const { conversation, message, ticket } = first.body;
    expect(conversation).toMatchObject({ state: 'waiting', assignee: { name: 'Ana Ribeiro' }, windowExpiresAt: null, ticketId: ticket.id });
    expect(Date.parse(conversation.autoCloseAt) - Date.parse(message.createdAt)).toBe(60 * 60_000);
    expect(message).toMatchObject({ kind: 'template', template: { name: 'order_update', language: 'pt_BR' }, text: expect.stringContaining('Olá Elena, seu pedido A-1234') });
    expect(ticket.subject).toContain('order_update');
    const messages = await h.api(`/api/v1/conversations/${conversation.id}/messages`, { token: agent });
    expect(messages.body.items).toHaveLength(1);
    const reused = await send(agent, { ...body, maxWaitMinutes: 61 }, 'same-key-123');
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await contactOf(h, agent, 'Elena Souza')).session).toMatchObject({ state: 'waiting', canSendTemplate: false });
  });

  it('lets exactly one of two agents win a race for the same contact', async () => {
    const [a, b] = [await h.login('agent@demo.test'), await h.login('agent2@demo.test')];
    const admin = await h.login('admin@demo.test');
    const created = await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5511977776666', text: 'oi' } });
    await h.api(`/api/v1/conversations/${created.body.conversation.id}/close`, { token: a, body: {} });
    const contactId = created.body.conversation.contactId;
    const body = { contactId, templateId: await templateId(h, a, 'welcome_back', 'es'), parameters: {}, maxWaitMinutes: 30 };
    const results = await Promise.all([send(a, body), send(b, body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    // The loser is told who has the contact now.
    const lost = results.find((r) => r.status === 409)!.body;
    const won = results.find((r) => r.status === 201)!.body;
    expect(lost.code).toBe('CONVERSATION_ASSIGNED_TO_OTHER');
    expect(lost.assignee).toEqual(won.conversation.assignee);
  });

  it('links to a given ticket, refuses another contact’s ticket, and files the transcript there on auto-close', async () => {
    const agent = await h.login('agent@demo.test');
    const carla = await contactOf(h, agent, 'Carla Mendes');
    const carlaConversation = await h.api(`/api/v1/conversations?q=Carla`, { token: agent });
    const carlaTicket = carlaConversation.body.items[0].ticketId;
    const body = { contactId: carla.id, templateId: await templateId(h, agent, 'order_update', 'pt_BR'), parameters: { '1': 'Carla', '2': 'T-77' }, maxWaitMinutes: 60 };
    const brunoTicket = (await conversationOf(h, agent, 'Bruno Costa')).ticketId;
    expect((await send(agent, { ...body, ticketId: brunoTicket })).body.code).toBe('TICKET_NOT_USABLE');
    const sent = await send(agent, { ...body, ticketId: carlaTicket });
    expect(sent.body.ticket.id).toBe(carlaTicket);

    // Carla replies: the window opens with the sender for 24 h.
    const admin = await h.login('admin@demo.test');
    const reply = await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5511999990002', text: 'Oi, pode falar' } });
    expect(reply.body.conversation).toMatchObject({ id: sent.body.conversation.id, state: 'open', assignee: { name: 'Ana Ribeiro' } });

    // Elena never replies: after 61 minutes her conversation closes and lands on its ticket.
    const elena = await contactOf(h, agent, 'Elena Souza');
    expect(elena.session.state).toBe('waiting');
    await h.api('/api/v1/sandbox/clock', { token: admin, body: { advanceSeconds: 61 * 60 } });
    const fresh = await h.login('agent@demo.test');
    const conversation = await h.api(`/api/v1/conversations/${elena.session.conversationId}`, { token: fresh });
    expect(conversation.body).toMatchObject({ state: 'closed', closedReason: 'no_reply' });
    const ticket = await h.api(`/api/v1/tickets/${conversation.body.ticketId}`, { token: fresh });
    const action = ticket.body.timeline.find((e: { kind: string }) => e.kind === 'chat_action');
    expect(action.body).toMatchObject({ closedReason: 'no_reply', closedBy: { type: 'system' } });
    expect(action.body.transcript[0]).toMatchObject({ kind: 'template', template: { name: 'order_update' } });
  });
});
