/** Real WhatsApp content through the Meta provider: media both ways, structured content, reactions, edits, numbers, opt-outs, failure details. */
import { afterAll, expect, it } from 'vitest';
import { conversationOf, describeOnEachDatabase, type Harness } from '../harness';
import { pdf, png } from '../media-bytes';
import type { MetaProvider } from '../../src/providers/meta/provider';
import { graphTemplates, startFakeGraph } from './fake-graph';
import { envelope, messagesChange, metaOptions, postWebhook, runPending, testClock } from './helpers';

const graph = await startFakeGraph();
graph.templates = graphTemplates();
const clock = testClock();
afterAll(() => graph.close());

const now = () => String(Math.floor(clock.now().getTime() / 1000));
let seq = 0;
const wamid = () => `wamid.CONTENT${++seq}`;

/** One customer message of any type, as Meta's webhook carries it. */
const customer = (from: string, message: Record<string, unknown>, name = 'Cliente Conteúdo') =>
  envelope(messagesChange({ contacts: [{ profile: { name }, wa_id: from }], messages: [{ from, id: wamid(), timestamp: now(), ...message }] }));

async function upload(h: Harness, token: string, bytes: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${h.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return (await response.json()) as { id: string };
}

describeOnEachDatabase('Meta provider: real WhatsApp content', (h) => {
  const messagesOf = async (phone: string) => {
    const agent = await h.login('agent@demo.test');
    const list = await h.api(`/api/v1/conversations?q=${encodeURIComponent(phone.slice(-8))}`, { token: agent });
    const conversation = list.body.items[0];
    return conversation ? (await h.api(`/api/v1/conversations/${conversation.id}/messages`, { token: agent })).body.items : [];
  };
  const eventsOf = async (messageId: string) =>
    (await h.server.db.query<{ type: string; payload: any }>(`SELECT type, payload FROM events WHERE payload->'message'->>'id' = $1 ORDER BY seq`, [messageId])).rows;

  it('stores an inbound photo at once as pending, fetches it with the token in the background, and announces it ready', async () => {
    const photo = png(6, 4, [10, 120, 200]);
    const mediaId = graph.addMedia(photo, 'image/png');
    const body = customer('5511977770001', { type: 'image', image: { id: mediaId, mime_type: 'image/png', sha256: 'x', caption: 'Chegou quebrado' } });
    expect((await postWebhook(h, body)).status).toBe(200);
    await runPending(h);
    const [message] = await messagesOf('+5511977770001');
    expect(message).toMatchObject({ kind: 'media', text: 'Chegou quebrado', attachments: [{ type: 'image', mimeType: 'image/png', state: 'ready', size: photo.length }] });
    const events = await eventsOf(message.id);
    expect(events.map((e) => [e.type, e.payload.message.attachments[0].state])).toEqual([['message.created', 'pending'], ['message.updated', 'ready']]);
    const agent = await h.login('agent@demo.test');
    const content = await fetch(`${h.url}/api/v1/attachments/${message.attachments[0].id}/content`, { headers: { authorization: `Bearer ${agent}` } });
    expect(Buffer.from(await content.arrayBuffer()).equals(photo)).toBe(true);
    // The short-lived URL was fetched with the bearer token, and only from Meta's (here: the fake's) origin.
    const download = graph.requests.find((r) => r.path === `/media-download/${mediaId}`);
    expect(download?.authorization).toBe(`Bearer ${graph.config.accessToken}`);
  });

  it('applies a delivered photo and fetches its file with no timer and nobody running the worker: the delivery wakes it', async () => {
    const photo = png(3, 3, [9, 9, 9]);
    const mediaId = graph.addMedia(photo, 'image/png');
    const body = customer('5511977770012', { type: 'image', image: { id: mediaId, mime_type: 'image/png', caption: 'Sozinho' } });
    expect((await postWebhook(h, body)).status).toBe(200);
    await expect.poll(async () => (await messagesOf('+5511977770012'))[0]?.attachments[0]?.state, { timeout: 20_000, interval: 100 }).toBe('ready');
    expect((await messagesOf('+5511977770012'))[0]).toMatchObject({ kind: 'media', text: 'Sozinho' });
  });

  it('answers the webhook and shows the photo’s message at once, with a placeholder, while WhatsApp is slow to give the bytes', async () => {
    const photo = png(5, 5, [1, 2, 3]);
    const mediaId = graph.addMedia(photo, 'image/png');
    const release = graph.holdDownload(mediaId);
    const body = customer('5511977770009', { type: 'image', image: { id: mediaId, mime_type: 'image/png', caption: 'Devagar' } });
    expect((await postWebhook(h, body)).status).toBe(200);
    // The message is stored and announced without waiting for the bytes (the media worker is its own step).
    await (h.server.provider as MetaProvider).inbox!.runOnce();
    const [waiting] = await messagesOf('+5511977770009');
    expect(waiting).toMatchObject({ kind: 'media', text: 'Devagar', attachments: [{ type: 'image', state: 'pending', size: null }] });
    const fetching = runPending(h);
    // Another customer's message is applied while that download still hangs.
    expect((await postWebhook(h, customer('5511977770010', { type: 'text', text: { body: 'Oi' } }))).status).toBe(200);
    await (h.server.provider as MetaProvider).inbox!.runOnce();
    expect(await messagesOf('+5511977770010')).toMatchObject([{ text: 'Oi' }]);
    expect((await messagesOf('+5511977770009'))[0].attachments[0].state).toBe('pending');
    release();
    await fetching;
    expect((await messagesOf('+5511977770009'))[0].attachments[0]).toMatchObject({ state: 'ready', size: photo.length });
  });

  it('keeps a document’s name and a voice note’s flag, and marks media WhatsApp will not give as failed after retries', async () => {
    const doc = graph.addMedia(pdf('boleto'), 'application/pdf');
    const lost = graph.addMedia(Buffer.from('OggS'), 'audio/ogg');
    graph.missingMedia.add(lost);
    await postWebhook(h, customer('5511977770002', { type: 'document', document: { id: doc, mime_type: 'application/pdf', filename: 'boleto março.pdf' } }));
    await postWebhook(h, customer('5511977770002', { type: 'audio', audio: { id: lost, mime_type: 'audio/ogg; codecs=opus', voice: true } }));
    for (let i = 0; i < 10; i++) {
      await runPending(h);
      clock.advance(16 * 60_000);
    }
    const [document, voice] = await messagesOf('+5511977770002');
    expect(document).toMatchObject({ kind: 'media', text: '', attachments: [{ type: 'document', fileName: 'boleto março.pdf', state: 'ready' }] });
    expect(voice).toMatchObject({ kind: 'media', attachments: [{ type: 'audio', mimeType: 'audio/ogg', voice: true, state: 'failed' }] });
    const events = await eventsOf(voice.id);
    expect(events.at(-1)).toMatchObject({ type: 'message.updated', payload: { message: { attachments: [{ state: 'failed' }] } } });
  });

  it('sends an agent’s file by uploading it to WhatsApp once and sending it by id with its caption and name', async () => {
    const agent = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    const file = await upload(h, agent, pdf('2a via'), 'Segunda via.pdf');
    const uploadsBefore = graph.uploads.length;
    for (const caption of ['Segue o boleto', 'De novo']) {
      const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text: caption, attachmentId: file.id } });
      expect(sent.status).toBe(201);
      await runPending(h);
    }
    expect(graph.uploads.slice(uploadsBefore)).toEqual([expect.objectContaining({ mimeType: 'application/pdf', fileName: 'Segunda via.pdf' })]);
    const mediaId = graph.uploads.at(-1)!.id;
    const bodies = graph.delivered.slice(-2).map((d) => d.body);
    expect(bodies[0]).toMatchObject({ type: 'document', document: { id: mediaId, caption: 'Segue o boleto', filename: 'Segunda via.pdf' } });
    expect(bodies[1]).toMatchObject({ type: 'document', document: { id: mediaId, caption: 'De novo' } });
    expect(graph.invalidBodies).toEqual([]);
    const messages = await messagesOf('+5511999990001');
    expect(messages.slice(-2).map((m: { status: string }) => m.status)).toEqual(['sent', 'sent']);
  });

  it('keeps locations, contact cards, button, list and flow replies and orders as structured content', async () => {
    const from = '5511977770003';
    // A second apart: deliveries may be stored in any order, the chat follows when the customer wrote.
    const at = (i: number) => String(Math.floor(clock.now().getTime() / 1000) - 10 + i);
    await postWebhook(h, customer(from, { timestamp: at(1), type: 'location', location: { latitude: -23.5613, longitude: -46.6565, name: 'MASP', address: 'Av. Paulista, 1578' } }));
    await postWebhook(h, customer(from, { timestamp: at(2), type: 'contacts', contacts: [{ name: { formatted_name: 'Rita Alves', first_name: 'Rita' }, phones: [{ phone: '+55 11 98888-7777', type: 'CELL' }] }] }));
    await postWebhook(h, customer(from, { timestamp: at(3), type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'express', title: 'Entrega expressa' } } }));
    await postWebhook(h, customer(from, { timestamp: at(4), type: 'interactive', interactive: { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: '{"flow_token":"t","first_name":"Bob","age":"32"}' } } }));
    await postWebhook(h, customer(from, { timestamp: at(5), type: 'order', order: { catalog_id: '194', text: '', product_items: [{ product_retailer_id: 'a1', quantity: 2, item_price: 30, currency: 'BRL' }, { product_retailer_id: 'b2', quantity: 1, item_price: 25.5, currency: 'BRL' }] } }));
    await postWebhook(h, customer(from, { timestamp: at(6), type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }] }));
    // The On-Premises API's voice note: a voice note like the Cloud API's audio with voice: true.
    await postWebhook(h, customer(from, { timestamp: at(7), type: 'voice', voice: { id: graph.addMedia(Buffer.from('OggS'), 'audio/ogg'), mime_type: 'audio/ogg; codecs=opus' } }));
    await runPending(h);
    const messages = await messagesOf(`+${from}`);
    expect(messages).toMatchObject([
      { kind: 'location', text: 'MASP, Av. Paulista, 1578', location: { latitude: -23.5613, longitude: -46.6565, name: 'MASP', address: 'Av. Paulista, 1578' } },
      { kind: 'contacts', text: 'Rita Alves', contacts: [{ name: 'Rita Alves', phones: ['+55 11 98888-7777'] }] },
      { kind: 'interactive', text: 'Entrega expressa', interactive: { title: 'Entrega expressa', id: 'express' } },
      { kind: 'interactive', text: 'First name: Bob\nAge: 32', interactive: { answers: [{ question: 'First name', answer: 'Bob' }, { question: 'Age', answer: '32' }] } },
      { kind: 'order', order: { catalogId: '194', items: [{ productId: 'a1', quantity: 2 }, { productId: 'b2', quantity: 1 }], total: { amount: 85.5, currency: 'BRL' } } },
      { kind: 'system', text: '[unsupported message] Message type is currently not supported.' },
      { kind: 'media', attachments: [{ type: 'audio', voice: true }] },
    ]);
    // A flow's `name` ("flow") is Meta's word for the form, not an answer of the customer's.
    expect(messages[3].interactive.title).toBeUndefined();
  });

  it('applies reactions and edits to the message they point at (never a new bubble), and only the customer’s own', async () => {
    const from = '5511977770004';
    const original = customer(from, { type: 'text', text: { body: 'Quero trocar o tamanho' } });
    const originalId = (original.entry[0]!.changes[0]!.value as { messages: { id: string }[] }).messages[0]!.id;
    await postWebhook(h, original);
    await runPending(h);
    await postWebhook(h, customer(from, { type: 'reaction', reaction: { message_id: originalId, emoji: '👍' } }));
    await postWebhook(h, customer(from, { type: 'edit', edit: { original_message_id: originalId, message: { type: 'text', text: { body: 'Quero trocar o tamanho para M' } } } }));
    // Another customer cannot touch it.
    await postWebhook(h, customer('5511977770005', { type: 'reaction', reaction: { message_id: originalId, emoji: '😡' } }));
    await runPending(h);
    let messages = await messagesOf(`+${from}`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ text: 'Quero trocar o tamanho para M', reactions: [{ emoji: '👍', direction: 'inbound' }], editedAt: expect.any(String) });
    await postWebhook(h, customer(from, { type: 'reaction', reaction: { message_id: originalId, emoji: '' } }));
    await runPending(h);
    messages = await messagesOf(`+${from}`);
    expect(messages[0].reactions).toEqual([]);
    // Desktops hear each change as message.updated with the message as it now is (changes applied in one batch share one event).
    const updates = (await eventsOf(messages[0].id)).filter((e) => e.type === 'message.updated').map((e) => e.payload.message);
    const seen = updates.map((m) => [m.text, m.reactions.map((r: { emoji: string }) => r.emoji)]);
    expect(seen).toContainEqual(['Quero trocar o tamanho para M', ['👍']]);
    expect(seen.at(-1)).toEqual(['Quero trocar o tamanho para M', []]);
  });

  it('applies an edited caption to the photo it belongs to, keeping the photo', async () => {
    const from = '5511977770007';
    const photo = customer(from, { type: 'image', image: { id: graph.addMedia(png(), 'image/png'), mime_type: 'image/png', caption: 'Antes' } });
    const photoId = (photo.entry[0]!.changes[0]!.value as { messages: { id: string }[] }).messages[0]!.id;
    await postWebhook(h, photo);
    await runPending(h);
    await postWebhook(h, customer(from, { type: 'edit', edit: { original_message_id: photoId, message: { type: 'image', image: { id: '1', mime_type: 'image/png', caption: 'Depois' } } } }));
    await runPending(h);
    const [message] = await messagesOf(`+${from}`);
    expect(message).toMatchObject({ kind: 'media', text: 'Depois', editedAt: expect.any(String), attachments: [{ type: 'image', state: 'ready' }] });
  });

  it('moves a contact to the number it changed to, and records marketing opt-out and resume', async () => {
    const from = '5511977770006';
    await postWebhook(h, customer(from, { type: 'text', text: { body: 'Oi' } }, 'Número Novo'));
    await runPending(h);
    await postWebhook(h, customer(from, { type: 'system', system: { body: 'User changed number', wa_id: '5511977770099', type: 'user_changed_number' } }));
    const preference = (value: string) => ({
      field: 'user_preferences',
      value: { messaging_product: 'whatsapp', metadata: { phone_number_id: graph.config.phoneNumberId }, user_preferences: [{ wa_id: '5511977770099', category: 'marketing_messages', value, timestamp: now() }] },
    });
    await runPending(h);
    await postWebhook(h, envelope(preference('stop')));
    await runPending(h);
    const agent = await h.login('agent@demo.test');
    const contact = (await h.api('/api/v1/contacts?q=Número Novo', { token: agent })).body.items[0];
    expect(contact).toMatchObject({ phone: '+5511977770099', marketingOptOutAt: expect.any(String) });
    // A marketing template is refused while they opt out (WhatsApp would refuse it: 131050).
    const marketing = (await h.api('/api/v1/templates?q=welcome_back', { token: await h.login('admin@demo.test') })).body.items[0];
    const refused = await h.api('/api/v1/template-sends', {
      token: agent, headers: { 'idempotency-key': 'opted-out-1' }, body: { contactId: contact.id, templateId: marketing.id, maxWaitMinutes: 60 },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('CONTACT_OPTED_OUT_OF_MARKETING');
    clock.advance(60_000);
    await postWebhook(h, envelope(preference('resume')));
    await runPending(h);
    expect((await h.api(`/api/v1/contacts/${contact.id}`, { token: agent })).body.marketingOptOutAt).toBeNull();
    // Signing up again through a sign-up link also welcomes marketing again.
    clock.advance(60_000);
    await postWebhook(h, envelope(preference('stop')));
    await runPending(h);
    expect((await h.api(`/api/v1/contacts/${contact.id}`, { token: agent })).body.marketingOptOutAt).toEqual(expect.any(String));
    clock.advance(60_000);
    await postWebhook(h, envelope(preference('signup')));
    await runPending(h);
    expect((await h.api(`/api/v1/contacts/${contact.id}`, { token: agent })).body.marketingOptOutAt).toBeNull();
  });

  it('does not send a template that became unsendable after the send was accepted (checked again at send time)', async () => {
    const agent = await h.login('agent@demo.test');
    const admin = await h.login('admin@demo.test');
    const template = (await h.api('/api/v1/templates?q=welcome_back', { token: admin })).body.items[0];
    const elena = (await h.api('/api/v1/contacts?q=Elena', { token: agent })).body.items[0];
    const sentBefore = graph.delivered.length;
    graph.script({ status: 429, code: 130429, message: 'Rate limit hit' }); // the first attempt is put off
    const created = await h.api('/api/v1/template-sends', {
      token: agent, headers: { 'idempotency-key': 'content-unsendable-1' }, body: { contactId: elena.id, templateId: template.id, maxWaitMinutes: 60 },
    });
    expect(created.status).toBe(201);
    // Meanwhile a components webhook turned it into a carousel.
    await runPending(h);
    await h.server.db.query(`UPDATE templates SET components = components || '[{"type":"OTHER","kind":"CAROUSEL","raw":{}}]'::jsonb WHERE id = $1`, [template.id]);
    clock.advance(16 * 60_000);
    await runPending(h);
    expect(graph.delivered.length).toBe(sentBefore);
    const list = await h.api(`/api/v1/conversations/${created.body.conversation.id}/messages`, { token: await h.login('agent@demo.test') });
    expect(list.body.items.at(-1)).toMatchObject({ status: 'failed', error: { code: 'WHATSAPP_TEMPLATE_PROBLEM', message: expect.stringContaining('arousel') } });
  });

  it('keeps WhatsApp’s title and details of a failed delivery for the agent', async () => {
    const agent = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text: 'Oferta especial' } });
    await runPending(h);
    const wamidSent = graph.delivered.at(-1)!.wamid;
    await postWebhook(h, envelope(messagesChange({
      statuses: [{ id: wamidSent, status: 'failed', timestamp: now(), recipient_id: '5511999990001',
        errors: [{ code: 131053, title: 'Media upload error', message: 'Media upload error', error_data: { details: 'Unsupported media type audio/wav' } }] }],
    })));
    await runPending(h);
    const message = (await messagesOf('+5511999990001')).find((m: { id: string }) => m.id === sent.body.message.id);
    expect(message).toMatchObject({ status: 'failed', error: { title: 'Media upload error', details: 'Unsupported media type audio/wav' } });
  });
}, metaOptions(graph, clock));
