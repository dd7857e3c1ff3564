import { expect, it } from 'vitest';
import { contactOf, conversationOf, describeOnEachDatabase } from './harness';

describeOnEachDatabase('conversations and contacts', (h) => {
  it('lists the demo inbox newest first with contact, assignee, last message and serverTime', async () => {
    const token = await h.login('agent@demo.test');
    const { status, body } = await h.api('/api/v1/conversations', { token });
    expect(status).toBe(200);
    expect(Date.parse(body.serverTime)).not.toBeNaN();
    const names = body.items.map((c: { contact: { name: string } }) => c.contact.name);
    expect(names).toEqual(['Diego Ramos', 'Gabriela Rocha', 'Bruno Costa', 'Carla Mendes']);
    const bruno = body.items[2];
    expect(bruno).toMatchObject({ state: 'open', channel: 'whatsapp', assignee: { name: 'Ana Ribeiro' }, lastMessage: { text: 'Obrigado, fico no aguardo.', direction: 'inbound' } });
    // The customer wrote 2 h ago: 22 h of window left.
    const left = Date.parse(bruno.windowExpiresAt) - Date.parse(body.serverTime);
    expect(left).toBeGreaterThan(21.9 * 3600_000);
    expect(left).toBeLessThanOrEqual(22 * 3600_000);
  });

  it('filters by state, by "mine" and by name or phone, and pages with a cursor', async () => {
    const token = await h.login('agent@demo.test');
    const waiting = await h.api('/api/v1/conversations?state=waiting', { token });
    expect(waiting.body.items.map((c: { contact: { name: string } }) => c.contact.name)).toEqual(['Gabriela Rocha']);
    const mine = await h.api('/api/v1/conversations?mine=true&state=open,waiting', { token });
    expect(mine.body.items).toHaveLength(2);
    const other = await h.api('/api/v1/conversations?mine=true', { token: await h.login('agent2@demo.test') });
    expect(other.body.items).toEqual([]);
    const byPhone = await h.api('/api/v1/conversations?q=990003', { token });
    expect(byPhone.body.items.map((c: { contact: { name: string } }) => c.contact.name)).toEqual(['Diego Ramos']);

    const page1 = await h.api('/api/v1/conversations?limit=3', { token });
    expect(page1.body.items).toHaveLength(3);
    const page2 = await h.api(`/api/v1/conversations?limit=3&cursor=${page1.body.nextCursor}`, { token });
    expect(page2.body.items.map((c: { contact: { name: string } }) => c.contact.name)).toEqual(['Carla Mendes']);
    expect(page2.body.nextCursor).toBeNull();
    expect((await h.api('/api/v1/conversations?cursor=garbage', { token })).body.code).toBe('VALIDATION_FAILED');
    expect((await h.api('/api/v1/conversations?state=nonsense', { token })).status).toBe(400);
  });

  it('returns messages oldest first, and 404 for unknown or malformed ids', async () => {
    const token = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, token, 'Bruno Costa');
    const one = await h.api(`/api/v1/conversations/${bruno.id}`, { token });
    expect(one.body).toMatchObject({ id: bruno.id, contactId: bruno.contactId });
    const { body } = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token });
    expect(body.items.map((m: { kind: string; text: string }) => [m.kind, m.text])).toEqual([
      ['text', 'Oi, meu pedido A-1001 ainda não chegou.'],
      ['media', 'A etiqueta diz que saiu para entrega'],
      ['text', 'Olá Bruno! Vou verificar com a transportadora e já te retorno.'],
      ['media', 'Segue o comprovante de envio.'],
      ['location', 'Casa, Rua das Flores, 120 - Pinheiros, São Paulo - SP'],
      ['text', 'Obrigado, fico no aguardo.'],
    ]);
    // The demo shows real content: Bruno's photo and the agent's PDF are kept and served, his reaction is on the PDF.
    expect(body.items[1].attachments[0]).toMatchObject({ type: 'image', mimeType: 'image/jpeg', fileName: 'etiqueta-A-1001.jpg', state: 'ready' });
    expect(body.items[3]).toMatchObject({ direction: 'outbound', attachments: [{ type: 'document', mimeType: 'application/pdf' }], reactions: [{ emoji: '👍', direction: 'inbound' }] });
    expect(body.items[4].location).toMatchObject({ name: 'Casa', latitude: expect.any(Number) });
    for (const item of [body.items[1], body.items[3]]) {
      const content = await fetch(`${h.url}/api/v1/attachments/${item.attachments[0].id}/content`, { headers: { authorization: `Bearer ${token}` } });
      expect([content.status, content.headers.get('content-type'), Number(content.headers.get('content-length'))]).toEqual([200, item.attachments[0].mimeType, item.attachments[0].size]);
    }
    const older = await h.api(`/api/v1/conversations/${bruno.id}/messages?before=${body.items[3].id}&limit=1`, { token });
    expect(older.body.items.map((m: { text: string }) => m.text)).toEqual(['Olá Bruno! Vou verificar com a transportadora e já te retorno.']);
    expect((await h.api('/api/v1/conversations/00000000-0000-4000-8000-000000000000', { token })).status).toBe(404);
    expect((await h.api('/api/v1/conversations/not-an-id/messages', { token })).body.code).toBe('NOT_FOUND');
    expect((await h.api('/api/v1/no-such-route', { token })).status).toBe(404);
  });

  it('describes each contact’s session: who may send a template, and if not why and until when', async () => {
    const token = await h.login('agent@demo.test');
    expect((await contactOf(h, token, 'Elena Souza')).session).toMatchObject({ state: 'none', canSendTemplate: true });
    expect((await contactOf(h, token, 'Carla Mendes')).session).toMatchObject({ state: 'closed', canSendTemplate: true });
    expect((await contactOf(h, token, 'Diego Ramos')).session).toMatchObject({ state: 'bot', canSendTemplate: false, blockedReason: 'CONTACT_IN_CHATBOT' });
    expect((await contactOf(h, token, 'Fábio Lima')).session).toMatchObject({ canSendTemplate: false, blockedReason: 'CHANNEL_NOT_WHATSAPP' });
    const gabriela = await contactOf(h, token, 'Gabriela Rocha');
    expect(gabriela.session).toMatchObject({ state: 'waiting', blockedReason: 'CONTACT_HAS_OPEN_SESSION', assignee: { name: 'Ana Ribeiro' } });
    expect(gabriela.session.blockedUntil).toBe(gabriela.session.autoCloseAt);
    const asSupervisor = await h.api(`/api/v1/contacts/${gabriela.id}`, { token: await h.login('supervisor@demo.test') });
    expect(asSupervisor.body.session).toMatchObject({ canSendTemplate: false, blockedReason: 'ROLE_NOT_ALLOWED' });
    expect((await h.api('/api/v1/contacts/00000000-0000-4000-8000-000000000000', { token })).status).toBe(404);
  });

  it('sends free text inside the window only, and never for a supervisor', async () => {
    const token = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, token, 'Bruno Costa');
    const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token, body: { text: 'Já localizei seu pedido!' } });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({ direction: 'outbound', kind: 'text', author: { name: 'Ana Ribeiro' } });

    const gabriela = await conversationOf(h, token, 'Gabriela Rocha');
    const refused = await h.api(`/api/v1/conversations/${gabriela.id}/messages`, { token, body: { text: 'Oi?' } });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('WINDOW_CLOSED');

    const supervisor = await h.login('supervisor@demo.test');
    const forbidden = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: supervisor, body: { text: 'x' } });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('ROLE_NOT_ALLOWED');
    expect((await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token, body: { text: '   ' } })).body.code).toBe('VALIDATION_FAILED');
  });

  it('reports health with database reachability', async () => {
    const { status, body } = await h.api('/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', database: 'ok' });
  });
});
