/**
 * POST /webhooks/zenvia: the secret header, answering at once with the work queued, customer
 * messages of every kind (files fetched in the background and kept), redeliveries, and delivery
 * statuses (forward only; failures with their causes, translated like Meta's codes when they are Meta's).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n';
import { conversationOf, describeOnEachDatabase, type Harness } from '../harness';
import { png } from '../media-bytes';
import { startFakeZenvia, ZENVIA_TEST } from './fake-zenvia';
import { count, messageEvent, postEvent, runPending, statusEvent, testClock, zenviaOptions, zenviaTemplates } from './helpers';

const fake = await startFakeZenvia();
fake.templates = zenviaTemplates();
const clock = testClock();
afterAll(() => fake.close());

describeOnEachDatabase('Zenvia provider: webhooks', (h) => {
  beforeEach(() => {
    fake.proxyTo = h.url;
  });
  const stored = () => count(h, `webhook_events WHERE provider = 'zenvia'`);
  const messagesWith = (id: string) => count(h, 'messages WHERE provider_message_id = $1', [id]);
  const messagesOf = async (phone: string) => {
    const agent = await h.login('agent@demo.test');
    const list = await h.api(`/api/v1/conversations?q=${encodeURIComponent(phone.slice(-8))}`, { token: agent });
    const conversation = list.body.items[0];
    return conversation ? (await h.api(`/api/v1/conversations/${conversation.id}/messages`, { token: agent })).body.items : [];
  };

  async function outboundToBruno(h: Harness, text: string) {
    await postEvent(h, messageEvent({ from: '5511999990001', at: clock.now(), contents: [{ type: 'text', text: 'Oi de novo' }] }));
    await runPending(h);
    const agent = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text } });
    await runPending(h);
    const zenviaId = fake.delivered.find((d) => d.body.externalId === sent.body.message.id)!.id;
    const read = async () => {
      const list = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: await h.login('agent@demo.test') });
      return list.body.items.find((m: { id: string }) => m.id === sent.body.message.id);
    };
    return { id: sent.body.message.id as string, zenviaId, read };
  }

  it('refuses a call without the secret header, or with another value, with 401, storing nothing', async () => {
    const before = await stored();
    const event = messageEvent({ from: '5511900000001', id: 'msg-NOPE-1', contents: [{ type: 'text', text: 'x' }] });
    expect((await postEvent(h, event, null)).status).toBe(401);
    expect((await postEvent(h, event, 'webhook-SECRET-wrong-value')).status).toBe(401);
    expect((await postEvent(h, event, `${ZENVIA_TEST.secret}x`)).status).toBe(401);
    expect((await postEvent(h, event, ZENVIA_TEST.secret.slice(0, -1))).status).toBe(401);
    const refused = await postEvent(h, event, '');
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toContain(ZENVIA_TEST.secret);
    expect((await postEvent(h, '{"type":"MESSAGE",')).status).toBe(400);
    expect(await stored()).toBe(before);
    await runPending(h);
    expect(await messagesWith('msg-NOPE-1')).toBe(0);
    // Outside /api/v1, no bearer token; the API prefix does not serve it.
    expect((await fetch(`${h.url}/api/v1/webhooks/zenvia`, { method: 'POST' })).status).toBe(404);
  });

  it('answers at once with the event stored and the work queued; then creates the contact (visitor name) and opens the 24-hour window', async () => {
    const at = new Date(clock.now().getTime() - 60_000);
    const answered = await postEvent(h, messageEvent({ from: '5521987654321', name: 'Joana Teste', at, id: 'msg-IN-1', contents: [{ type: 'text', text: 'Olá, preciso de ajuda' }] }));
    expect(answered).toMatchObject({ status: 200, body: { received: true } });
    // Stored as received before the answer; applying it is the worker's job.
    expect(await count(h, `webhook_events WHERE provider = 'zenvia' AND raw LIKE '%msg-IN-1%'`)).toBe(1);
    // Split into its items on arrival, like Meta's: the worker only applies them.
    expect(await count(h, `webhook_events WHERE provider = 'zenvia' AND raw LIKE '%msg-IN-1%' AND expanded_at IS NOT NULL`)).toBe(1);
    expect(await count(h, `webhook_items WHERE provider = 'zenvia' AND kind = 'message' AND state = 'pending' AND payload::text LIKE '%msg-IN-1%'`)).toBe(1);
    await runPending(h);
    const agent = await h.login('agent@demo.test');
    const conversation = await conversationOf(h, agent, 'Joana Teste');
    expect(conversation).toMatchObject({ state: 'open', contact: { phone: '+5521987654321' }, lastMessage: { text: 'Olá, preciso de ajuda', direction: 'inbound' } });
    expect(Date.parse(conversation.windowExpiresAt)).toBe(at.getTime() + 24 * 3600_000);
  });

  it('applies a redelivered event once, by its id, even when its bytes differ', async () => {
    const event = messageEvent({ from: '5511988887777', eventId: 'evt-DUP-1', id: 'msg-DUP-1', contents: [{ type: 'text', text: 'Uma vez só' }] });
    expect((await postEvent(h, event)).status).toBe(200);
    expect((await postEvent(h, event)).status).toBe(200);
    expect((await postEvent(h, { ...event, timestamp: new Date().toISOString(), retry: 2 })).status).toBe(200);
    await Promise.all([runPending(h), runPending(h)]);
    expect(await messagesWith('msg-DUP-1')).toBe(1);
  });

  it('stores an inbound image at once as pending, fetches its fileUrl in the background, and keeps the bytes', async () => {
    const photo = png(6, 4, [10, 120, 200]);
    const fileUrl = fake.addFile(photo, 'image/png');
    const event = messageEvent({ from: '5511977770001', name: 'Cliente Foto', contents: [{ type: 'file', fileUrl, fileMimeType: 'image/png', fileName: 'quebrado.png', fileCaption: 'Chegou quebrado' }] });
    expect((await postEvent(h, event)).status).toBe(200);
    await runPending(h);
    const [message] = await messagesOf('+5511977770001');
    expect(message).toMatchObject({ kind: 'media', text: 'Chegou quebrado', attachments: [{ type: 'image', mimeType: 'image/png', fileName: 'quebrado.png', state: 'ready', size: photo.length }] });
    const events = (await h.server.db.query<{ type: string; payload: any }>(`SELECT type, payload FROM events WHERE payload->'message'->>'id' = $1 ORDER BY seq`, [message.id])).rows;
    expect(events.map((e) => [e.type, e.payload.message.attachments[0].state])).toEqual([['message.created', 'pending'], ['message.updated', 'ready']]);
    const agent = await h.login('agent@demo.test');
    const content = await fetch(`${h.url}/api/v1/attachments/${message.attachments[0].id}/content`, { headers: { authorization: `Bearer ${agent}` } });
    expect(Buffer.from(await content.arrayBuffer()).equals(photo)).toBe(true);
    // The file was on Zenvia's own API origin: fetched with the token (never sent to any other host).
    expect(fake.requests.find((r) => fileUrl.endsWith(r.path))?.token).toBe(ZENVIA_TEST.token);
  });

  it('keeps quick-reply taps, locations, contact cards and what it does not know, in the same content model as the Meta path', async () => {
    const from = '5511977770003';
    const contents = [
      { type: 'text', text: 'Reabrir', payload: 'REOPEN_4821' },
      { type: 'location', latitude: -23.5613, longitude: -46.6565, name: 'MASP', address: 'Av. Paulista, 1578' },
      { type: 'contacts', contacts: [{ name: { formattedName: 'Rita Alves', firstName: 'Rita' }, phones: [{ phone: '+55 11 98888-7777', type: 'CELL' }] }] },
      { type: 'flow_response', token: 't', data: { first_name: 'Bob' } },
      { type: 'unsupported' },
      { type: 'file', fileUrl: 'https://x.test/f', status: 'REJECTED', reason: 'SIZE_LIMIT' },
    ];
    // One message each, a second apart (the order the agent reads them in).
    for (const [i, content] of contents.entries()) {
      await postEvent(h, messageEvent({ from, at: new Date(clock.now().getTime() - (contents.length - i) * 1000), contents: [content] }));
    }
    await runPending(h);
    expect(await messagesOf(`+${from}`)).toMatchObject([
      { kind: 'interactive', text: 'Reabrir', interactive: { title: 'Reabrir', id: 'REOPEN_4821' } },
      { kind: 'location', text: 'MASP, Av. Paulista, 1578', location: { latitude: -23.5613, longitude: -46.6565, name: 'MASP' } },
      { kind: 'contacts', text: 'Rita Alves', contacts: [{ name: 'Rita Alves', phones: ['+55 11 98888-7777'] }] },
      { kind: 'interactive', text: 'First name: Bob', interactive: { answers: [{ question: 'First name', answer: 'Bob' }] } },
      { kind: 'system', text: '[unsupported message]' },
      { kind: 'system', text: '[file] (Zenvia refused it: SIZE_LIMIT)' },
    ]);
  });

  it('ignores events of other channels, senders and directions', async () => {
    const base = messageEvent({ from: '5511977770009', contents: [{ type: 'text', text: 'não' }] });
    await postEvent(h, { ...base, message: { ...base.message, id: 'msg-OTHER-1', to: '5511888880000' } });
    await postEvent(h, { ...base, channel: 'sms', message: { ...base.message, id: 'msg-OTHER-2', channel: 'sms' } });
    await postEvent(h, { ...base, direction: 'OUT', message: { ...base.message, id: 'msg-OTHER-3', direction: 'OUT' } });
    await postEvent(h, { id: 'evt-contact', type: 'CONTACT', contact: {} });
    await runPending(h);
    expect(await count(h, `messages WHERE provider_message_id LIKE 'msg-OTHER-%'`)).toBe(0);
    expect(await count(h, `webhook_items WHERE provider = 'zenvia' AND state <> 'done'`)).toBe(0);
  });

  it('moves statuses forward only: READ stays read, a failure stays failed', async () => {
    const first = await outboundToBruno(h, 'Primeira');
    for (const code of ['READ', 'DELIVERED', 'SENT', 'NOT_DELIVERED', 'READ']) {
      await postEvent(h, statusEvent({ id: first.zenviaId, code, externalId: first.id, causes: code === 'NOT_DELIVERED' ? [{ channelErrorCode: '131026', reason: 'Undeliverable' }] : undefined }));
    }
    await runPending(h);
    expect(await first.read()).toMatchObject({ status: 'read', error: null });
    const second = await outboundToBruno(h, 'Segunda');
    await postEvent(h, statusEvent({ id: second.zenviaId, code: 'DELIVERED' }));
    await runPending(h);
    await postEvent(h, statusEvent({ id: second.zenviaId, code: 'SENT' }));
    await runPending(h);
    expect((await second.read()).status).toBe('delivered');
    const updates = (await h.server.db.query<{ payload: any }>(`SELECT payload FROM events WHERE type = 'message.updated' AND payload->'message'->>'id' = $1 ORDER BY seq`, [second.id])).rows;
    expect(updates.map((u) => u.payload.message.status)).toEqual(['sent', 'delivered']);
  });

  it('fails a NOT_DELIVERED message with its cause shown, translated like Meta\'s code when it is one of Meta\'s', async () => {
    const out = await outboundToBruno(h, 'Fora da janela');
    await postEvent(h, statusEvent({
      id: out.zenviaId, code: 'NOT_DELIVERED', externalId: out.id, description: 'The provider was unable to deliver the message',
      causes: [{ channelErrorCode: '131047', reason: 'Re-engagement message', details: 'more than 24 hours have passed since the recipient last replied' }],
    }));
    await runPending(h);
    expect(await out.read()).toMatchObject({
      status: 'failed',
      error: { code: 'WHATSAPP_WINDOW_CLOSED', message: expect.stringContaining('131047'), title: 'Re-engagement message', details: 'more than 24 hours have passed since the recipient last replied' },
    });
    expect(translate('pt-BR', 'error.WHATSAPP_WINDOW_CLOSED')).toMatch(/24/);
    // A code that is not Meta's is not read as one: kept for the agent in the details.
    const other = await outboundToBruno(h, 'Rejeitada');
    await postEvent(h, statusEvent({ id: other.zenviaId, code: 'REJECTED', description: 'Message rejected by Zenvia', causes: [{ channelErrorCode: 'E-42', reason: 'Blocked sender' }] }));
    await runPending(h);
    expect(await other.read()).toMatchObject({ status: 'failed', error: { code: 'WHATSAPP_SEND_FAILED', title: 'Blocked sender', details: 'channel error E-42' } });
  });

  it('isolates a poisoned event: a NUL in the text is removed, a hostile 10 kB id is parked for administrators, and the events after them apply', async () => {
    const from = '5511966660001';
    const nul = JSON.stringify(messageEvent({ from, name: 'Nul\u0000 Name', at: new Date(clock.now().getTime() - 3000), contents: [{ type: 'text', text: 'a\u0000b' }] }));
    expect(nul).toContain('\\u0000');
    expect((await postEvent(h, nul)).status).toBe(200);
    const hostile = messageEvent({ from, id: `msg-${randomBytes(7_500).toString('base64')}`, at: new Date(clock.now().getTime() - 2000), contents: [{ type: 'text', text: 'enorme' }] });
    expect((await postEvent(h, hostile)).status).toBe(200);
    expect((await postEvent(h, messageEvent({ from, at: new Date(clock.now().getTime() - 1000), contents: [{ type: 'text', text: 'depois' }] }))).status).toBe(200);
    await runPending(h);
    expect((await messagesOf(`+${from}`)).map((m: { text: string }) => m.text)).toEqual(['ab', 'depois']);
    const admin = await h.login('admin@demo.test');
    const parked = (await h.api('/api/v1/admin/webhook-failures', { token: admin })).body.items;
    expect(parked).toContainEqual(expect.objectContaining({ provider: 'zenvia', kind: 'delivery', lastError: expect.any(String) }));
  });

  it('keeps a status it cannot place yet, to try again later', async () => {
    await postEvent(h, statusEvent({ id: 'zenvia-not-yet', code: 'DELIVERED' }));
    await runPending(h);
    const waiting = await h.server.db.query<{ state: string; attempts: number }>(`SELECT state, attempts FROM webhook_items WHERE provider = 'zenvia' AND dedupe_key = $1`, ['status:zenvia-not-yet:delivered']);
    expect(waiting.rows[0]).toMatchObject({ state: 'pending', attempts: 1 });
  });
}, zenviaOptions(fake, clock));
