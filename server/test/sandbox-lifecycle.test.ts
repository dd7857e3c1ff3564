import { expect, it } from 'vitest';
import { contactOf, conversationOf, describeOnEachDatabase } from './harness';

const HOUR = 3600;

describeOnEachDatabase('sandbox customer messages and deadlines', (h) => {
  it('only lets administrators play the customer or move the clock', async () => {
    const agent = await h.login('agent@demo.test');
    const asAgent = await h.api('/api/v1/sandbox/customer-messages', { token: agent, body: { from: '+5511999990001', text: 'x' } });
    expect(asAgent.status).toBe(403);
    expect((await h.api('/api/v1/sandbox/clock', { token: agent, body: { advanceSeconds: 60 } })).status).toBe(403);
    const admin = await h.login('admin@demo.test');
    expect((await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: 'abc', text: 'x' } })).status).toBe(400);
  });

  it('opens the window with the sending agent when the customer replies to a waiting template', async () => {
    const admin = await h.login('admin@demo.test');
    const { status, body } = await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5511999990006', text: 'Oi! Recebi sim.' } });
    expect(status).toBe(201);
    expect(body.conversation).toMatchObject({ state: 'open', autoCloseAt: null, assignee: { name: 'Ana Ribeiro' } });
    expect(Date.parse(body.conversation.windowExpiresAt) - Date.parse(body.message.createdAt)).toBe(24 * HOUR * 1000);
  });

  it('restarts the window on every customer message, and keeps a chatbot conversation with the bot', async () => {
    const admin = await h.login('admin@demo.test');
    const first = await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5511999990001', text: 'Alguma novidade?' } });
    await h.api('/api/v1/sandbox/clock', { token: admin, body: { advanceSeconds: HOUR } });
    // Access tokens last 15 minutes of server time: sign in again after moving the clock.
    const again = await h.login('admin@demo.test');
    const second = await h.api('/api/v1/sandbox/customer-messages', { token: again, body: { from: '+5511999990001', text: 'Oi?' } });
    expect(second.body.conversation.id).toBe(first.body.conversation.id);
    expect(Date.parse(second.body.conversation.windowExpiresAt) - Date.parse(first.body.conversation.windowExpiresAt)).toBeGreaterThanOrEqual(HOUR * 1000);

    const bot = await h.api('/api/v1/sandbox/customer-messages', { token: again, body: { from: '+5511999990003', text: '1' } });
    expect(bot.body.conversation.state).toBe('bot');
  });

  it('creates a contact for an unknown number', async () => {
    const admin = await h.login('admin@demo.test');
    const { body } = await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5521988887777', text: 'Olá' } });
    expect(body.conversation).toMatchObject({ state: 'open', contact: { name: '+5521988887777', phone: '+5521988887777' } });
  });

  it('closes an expired window and attaches the transcript to the conversation’s ticket', async () => {
    const admin = await h.login('admin@demo.test');
    const agent = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    await h.api('/api/v1/sandbox/clock', { token: admin, body: { advanceSeconds: 25 * HOUR } });
    const closed = await h.api(`/api/v1/conversations/${bruno.id}`, { token: await h.login('agent@demo.test') });
    expect(closed.body).toMatchObject({ state: 'closed', closedReason: 'window_expired' });
    const ticket = await h.api(`/api/v1/tickets/${bruno.ticketId}`, { token: await h.login('agent@demo.test') });
    const actions = ticket.body.timeline.filter((e: { kind: string }) => e.kind === 'chat_action');
    expect(actions).toHaveLength(1);
    const action = actions[0].body as { conversationId: string; closedReason: string; closedBy: { type: string }; transcript: { text: string }[] };
    expect(action.conversationId).toBe(bruno.id);
    expect(action.closedReason).toBe('window_expired');
    expect(action.closedBy.type).toBe('system');
    expect(action.transcript.map((m) => m.text)).toContain('Obrigado, fico no aguardo.');
    // Closed: a new template may be sent again.
    expect((await contactOf(h, await h.login('agent@demo.test'), 'Bruno Costa')).session.canSendTemplate).toBe(true);
  });
});

describeOnEachDatabase('auto-close of a template with no reply', (h) => {
  it('closes Gabriela’s waiting conversation as no_reply after its maximum wait, once', async () => {
    const admin = await h.login('admin@demo.test');
    const agent = await h.login('agent@demo.test');
    const gabriela = await conversationOf(h, agent, 'Gabriela Rocha');
    await h.api('/api/v1/sandbox/clock', { token: admin, body: { advanceSeconds: 22 * HOUR } });
    expect((await h.api(`/api/v1/conversations/${gabriela.id}`, { token: await h.login('admin@demo.test') })).body.state).toBe('waiting');
    await h.api('/api/v1/sandbox/clock', { token: await h.login('admin@demo.test'), body: { advanceSeconds: 2 * HOUR } });
    const after = await h.api(`/api/v1/conversations/${gabriela.id}`, { token: await h.login('admin@demo.test') });
    expect(after.body).toMatchObject({ state: 'closed', closedReason: 'no_reply' });
    expect(await h.server.sweeper.runOnce()).toBe(0);
    const ticket = await h.api(`/api/v1/tickets/${gabriela.ticketId}`, { token: await h.login('agent@demo.test') });
    const actions = ticket.body.timeline.filter((e: { kind: string }) => e.kind === 'chat_action');
    expect(actions.map((e: { body: { conversationId: string; closedReason: string } }) => e.body)).toMatchObject([{ conversationId: gabriela.id, closedReason: 'no_reply' }]);
  });
});

describeOnEachDatabase('delivery statuses', (h) => {
  it('advances sent, delivered, read on its own, and a reported failure carries its reason to clients', async () => {
    const agent = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text: 'Tudo certo?' } });
    const id = sent.body.message.id;
    const statusOf = async () =>
      (await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent })).body.items.find((m: { id: string }) => m.id === id).status;
    for (let i = 0; i < 100 && (await statusOf()) !== 'read'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await statusOf()).toBe('read');

    const admin = await h.login('admin@demo.test');
    const failed = await h.api('/api/v1/sandbox/message-status', {
      token: admin,
      body: { messageId: id, status: 'failed', error: { code: '131026', message: 'Message undeliverable' } },
    });
    expect(failed.body.message).toMatchObject({ status: 'failed', error: { code: '131026', message: 'Message undeliverable' } });
    expect((await h.api('/api/v1/sandbox/message-status', { token: admin, body: { messageId: id, status: 'failed' } })).status).toBe(400);
    const inbound = (await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent })).body.items[0].id;
    expect((await h.api('/api/v1/sandbox/message-status', { token: admin, body: { messageId: inbound, status: 'read' } })).status).toBe(404);
  });
});
