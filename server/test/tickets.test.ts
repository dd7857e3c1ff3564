import { expect, it } from 'vitest';
import { describeOnEachDatabase } from './harness';

describeOnEachDatabase('tickets', (h) => {
  it('lists tickets with search by number, subject and contact, filters and paging', async () => {
    const token = await h.login('agent@demo.test');
    const all = await h.api('/api/v1/tickets', { token });
    expect(all.body.items.map((t: { subject: string }) => t.subject)).toEqual(
      expect.arrayContaining(['Segunda via de boleto', 'Troca de produto', 'Pedido A-1001 atrasado', 'Dúvida sobre entrega']),
    );
    const boleto = await h.api('/api/v1/tickets?q=boleto', { token });
    expect(boleto.body.items).toHaveLength(1);
    expect(boleto.body.items[0].contact.name).toBe('Elena Souza');
    const byNumber = await h.api(`/api/v1/tickets?q=%23${boleto.body.items[0].number}`, { token });
    expect(byNumber.body.items.map((t: { id: string }) => t.id)).toEqual([boleto.body.items[0].id]);
    expect((await h.api('/api/v1/tickets?q=Diego', { token })).body.items).toHaveLength(1);
    const unassigned = await h.api('/api/v1/tickets?assignee=none', { token });
    expect(unassigned.body.items.every((t: { assignee: unknown }) => t.assignee === null)).toBe(true);
    const page1 = await h.api('/api/v1/tickets?limit=2', { token });
    const page2 = await h.api(`/api/v1/tickets?limit=2&cursor=${page1.body.nextCursor}`, { token });
    expect(page2.body.items.map((t: { id: string }) => t.id)).not.toContain(page1.body.items[0].id);
    expect((await h.api('/api/v1/tickets?status=nope', { token })).status).toBe(400);
    const elenaId = boleto.body.items[0].contact.id;
    const elenas = await h.api(`/api/v1/tickets?contactId=${elenaId}&status=open,pending`, { token });
    expect(elenas.body.items.map((t: { subject: string }) => t.subject)).toEqual(['Segunda via de boleto']);
    expect((await h.api('/api/v1/tickets?contactId=nope', { token })).status).toBe(400);
  });

  it('shows the customer with their WhatsApp session, the linked conversations and the timeline', async () => {
    const token = await h.login('agent@demo.test');
    const carla = (await h.api('/api/v1/tickets?q=Troca', { token })).body.items[0];
    const { body } = await h.api(`/api/v1/tickets/${carla.id}`, { token });
    expect(body.customer).toMatchObject({ name: 'Carla Mendes', whatsapp: true, session: { state: 'closed', canSendTemplate: true } });
    expect(body.conversations).toHaveLength(1);
    expect(body.timeline[0]).toMatchObject({ kind: 'chat_action', body: { closedReason: 'window_expired' } });
    const diego = (await h.api('/api/v1/tickets?q=Diego', { token })).body.items[0];
    expect((await h.api(`/api/v1/tickets/${diego.id}`, { token })).body.customer.session.blockedReason).toBe('CONTACT_IN_CHATBOT');
  });

  it('lets agents change status and add internal notes; supervisors only read', async () => {
    const token = await h.login('agent@demo.test');
    const elena = (await h.api('/api/v1/tickets?q=boleto', { token })).body.items[0];
    const changed = await h.api(`/api/v1/tickets/${elena.id}`, { method: 'PATCH', token, body: { status: 'pending', priority: 'high' } });
    expect(changed.body).toMatchObject({ status: 'pending', priority: 'high' });
    const noted = await h.api(`/api/v1/tickets/${elena.id}/notes`, { token, body: { text: 'Cliente pediu por WhatsApp.' } });
    expect(noted.status).toBe(201);
    expect(noted.body.timeline.at(-1)).toMatchObject({ kind: 'note', author: { name: 'Ana Ribeiro' }, body: { text: 'Cliente pediu por WhatsApp.' } });
    const supervisor = await h.login('supervisor@demo.test');
    expect((await h.api(`/api/v1/tickets/${elena.id}/notes`, { token: supervisor, body: { text: 'x' } })).body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await h.api(`/api/v1/tickets/${elena.id}`, { method: 'PATCH', token, body: {} })).body.code).toBe('VALIDATION_FAILED');
    expect((await h.api('/api/v1/tickets/00000000-0000-4000-8000-000000000000/notes', { token, body: { text: 'x' } })).status).toBe(404);
  });

  it('files the transcript on the ticket when an agent closes the conversation too', async () => {
    const token = await h.login('agent@demo.test');
    const bruno = (await h.api('/api/v1/conversations?q=Bruno', { token })).body.items[0];
    const closed = await h.api(`/api/v1/conversations/${bruno.id}/close`, { token, body: {} });
    expect(closed.body).toMatchObject({ state: 'closed', closedReason: 'agent' });
    const ticket = await h.api(`/api/v1/tickets/${bruno.ticketId}`, { token });
    const action = ticket.body.timeline.find((e: { kind: string }) => e.kind === 'chat_action');
    expect(action.body).toMatchObject({ closedReason: 'agent', closedBy: { type: 'user', name: 'Ana Ribeiro' } });
    // Bruno's demo conversation: three texts, his photo, the agent's PDF and his location (issue 12's demo content).
    expect(action.body.transcript).toHaveLength(6);
    expect(action.body.transcript.filter((m: { attachments: unknown[] }) => m.attachments.length).map((m: { attachments: { type: string }[] }) => m.attachments[0]!.type).sort()).toEqual(['document', 'image']);
    expect((await h.api(`/api/v1/conversations/${bruno.id}/close`, { token, body: {} })).body.code).toBe('CONVERSATION_CLOSED');
  });

  it('refuses a closed ticket for a new conversation', async () => {
    const token = await h.login('agent@demo.test');
    const carla = (await h.api('/api/v1/tickets?q=Troca', { token })).body.items[0];
    await h.api(`/api/v1/tickets/${carla.id}`, { method: 'PATCH', token, body: { status: 'closed' } });
    const templates = await h.api('/api/v1/templates?q=welcome', { token });
    const contact = (await h.api(`/api/v1/tickets/${carla.id}`, { token })).body.customer;
    const refused = await h.api('/api/v1/template-sends', {
      token,
      headers: { 'idempotency-key': 'closed-ticket-key' },
      body: { contactId: contact.id, templateId: templates.body.items[0].id, parameters: {}, maxWaitMinutes: 60, ticketId: carla.id },
    });
    expect(refused.body.code).toBe('TICKET_NOT_USABLE');
  });
});
