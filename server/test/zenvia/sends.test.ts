/**
 * Sends through the Zenvia provider's outbox, against the fake Zenvia API (which checks every body
 * against the spec's shapes and each template send against the template's fields): named fields,
 * a document header and an attachment by signed link, authentication and coupon codes, retries,
 * refusals with Zenvia's words, and never twice.
 */
import { afterAll, beforeEach, expect, it } from 'vitest';
import { contactOf, conversationOf, describeOnEachDatabase, type Harness } from '../harness';
import { pdf, png } from '../media-bytes';
import { startFakeZenvia, ZENVIA_TEST } from './fake-zenvia';
import { messageEvent, postEvent, runPending, statusEvent, testClock, zenviaOptions, zenviaTemplates } from './helpers';

const fake = await startFakeZenvia();
fake.templates = zenviaTemplates();
const clock = testClock();
afterAll(() => fake.close());

/** Sends refused before a connection exists (ECONNREFUSED): the request certainly never reached Zenvia. */
let refuseConnections = 0;
const refusingFetch: typeof fetch = (input, init) => {
  if (refuseConnections > 0 && String(input).includes('/channels/whatsapp/messages')) {
    refuseConnections--;
    return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
  }
  return fetch(input, init);
};

const sends = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v2/channels/whatsapp/messages');

async function upload(h: Harness, token: string, bytes: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  const response = await fetch(`${h.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return (await response.json()) as { id: string };
}

describeOnEachDatabase('Zenvia provider: sends', (h) => {
  beforeEach(() => {
    fake.proxyTo = h.url;
    fake.delivered.length = 0;
    fake.requests.length = 0;
    fake.fetched.length = 0;
  });
  afterAll(() => expect(fake.invalidBodies).toEqual([]));

  const template = async (name: string) => {
    const admin = await h.login('admin@demo.test');
    return (await h.api(`/api/v1/templates?status=ALL&q=${name}`, { token: admin })).body.items.find((t: { name: string }) => t.name === name);
  };
  // Signs in afresh: the test clock moves past access tokens' lifetime.
  const messageOf = async (conversationId: string, id: string) =>
    (await h.api(`/api/v1/conversations/${conversationId}/messages`, { token: await h.login('agent@demo.test') })).body.items.find((m: { id: string }) => m.id === id);
  let key = 0;

  /** A template send to Elena; runs the outbox, closes the conversation again (so she can be sent to again); what Zenvia got. */
  async function sendTemplate(name: string, body: Record<string, unknown>) {
    const agent = await h.login('agent@demo.test');
    const elena = await contactOf(h, agent, 'Elena Souza');
    const sent = await h.api('/api/v1/template-sends', {
      token: agent, headers: { 'idempotency-key': `zenvia-send-${++key}-${Math.random()}` },
      body: { contactId: elena.id, templateId: (await template(name)).id, maxWaitMinutes: 60, parameters: {}, ...body },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await runPending(h);
    const message = await messageOf(sent.body.conversation.id, sent.body.message.id);
    await h.api(`/api/v1/conversations/${sent.body.conversation.id}/close`, { token: agent, body: {} });
    return { sent: sent.body, message, zenvia: fake.delivered.find((d) => d.body.externalId === sent.body.message.id) };
  }

  /** Bruno writes (so the window is open whatever the clock did), then the agent sends. */
  async function sendText(body: { text?: string; attachmentId?: string }) {
    await postEvent(h, messageEvent({ from: '5511999990001', at: clock.now(), contents: [{ type: 'text', text: 'Oi' }] }));
    await runPending(h);
    const agent = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    return { agent, conversationId: bruno.id as string, message: sent.body.message, read: () => messageOf(bruno.id, sent.body.message.id) };
  }

  it('sends a template as one template content with Zenvia\'s templateId and fields keyed by name, once, and keeps Zenvia\'s id', async () => {
    const { sent, message, zenvia } = await sendTemplate('ticket_followup', {
      parameters: { 'header.ticket_no': '4821', first_name: 'Elena', agent_name: 'Ana', 'button.0': 'T-4821' },
    });
    expect(sends()).toHaveLength(1);
    expect(zenvia!.body).toEqual({
      from: ZENVIA_TEST.sender, to: '5511999990004', externalId: sent.message.id,
      contents: [{ type: 'template', templateId: '00000000-test-4000-8000-000000000001', fields: { ticket_no: '4821', first_name: 'Elena', agent_name: 'Ana', ticket_code: 'T-4821' } }],
    });
    expect(sends()[0]!.token).toBe(ZENVIA_TEST.token);
    expect(message).toMatchObject({ status: 'sent', kind: 'template', template: { name: 'ticket_followup', language: 'pt_BR' } });
    expect(sent.message.text).toBe('Chamado 4821\nOlá Elena, aqui é Ana. Podemos continuar?\nLoja Demo\n[Ver chamado] [Ligar]');
    const stored = await h.server.db.query<{ provider_message_id: string }>('SELECT provider_message_id FROM messages WHERE id = $1', [message.id]);
    expect(stored.rows[0]!.provider_message_id).toBe(zenvia!.id);
  });

  it('sends a document header from an uploaded file as documentUrl: a signed link that serves exactly its bytes', async () => {
    const agent = await h.login('agent@demo.test');
    const boleto = pdf('boleto 2026-03');
    const file = await upload(h, agent, boleto, 'boleto março.pdf');
    const { message, zenvia } = await sendTemplate('boleto_document', { parameters: { name: 'Elena' }, headerMedia: { attachmentId: file.id } });
    expect(message).toMatchObject({ status: 'sent', attachments: [{ id: file.id, type: 'document' }] });
    const fields = zenvia!.body.contents[0].fields;
    expect(Object.keys(fields).sort()).toEqual(['documentUrl', 'name']);
    expect(fields.documentUrl).toMatch(new RegExp(`^${ZENVIA_TEST.publicUrl}/files/zenvia/${file.id}/\\d+/[A-Za-z0-9_-]{43}/boleto%20mar%C3%A7o\\.pdf$`));
    expect(fake.fetched).toEqual([{ url: fields.documentUrl, status: 200, contentType: 'application/pdf', bytes: boleto }]);
    // A public link goes as it is.
    const linked = await sendTemplate('boleto_document', { parameters: { name: 'Elena' }, headerMedia: { link: 'https://cdn.example.test/boleto.pdf' } });
    expect(linked.zenvia!.body.contents[0].fields).toEqual({ name: 'Elena', documentUrl: 'https://cdn.example.test/boleto.pdf' });
  });

  it('sends an authentication template\'s code as token and a coupon as code', async () => {
    const otp = await sendTemplate('verify_code', { parameters: { 'button.0': '482913' } });
    expect(otp.zenvia!.body.contents).toEqual([{ type: 'template', templateId: '00000000-test-4000-8000-000000000003', fields: { token: '482913' } }]);
    expect(otp.message.status).toBe('sent');
    const coupon = await sendTemplate('promo_cupom', { parameters: { discount: '20%', 'button.0': 'BF20' } });
    expect(coupon.zenvia!.body.contents[0].fields).toEqual({ discount: '20%', code: 'BF20' });
    // Without the code the send is refused before anything is stored or sent.
    const agent = await h.login('agent@demo.test');
    const elena = await contactOf(h, agent, 'Elena Souza');
    const refused = await h.api('/api/v1/template-sends', {
      token: agent, headers: { 'idempotency-key': `zenvia-otp-missing-${Math.random()}` },
      body: { contactId: elena.id, templateId: (await template('verify_code')).id, maxWaitMinutes: 60, parameters: {} },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('TEMPLATE_PARAMETERS_INVALID');
  });

  it('sends free text; retries an INTERNAL_ERROR with backoff and sends it once', async () => {
    fake.script({ status: 500, code: 'INTERNAL_ERROR', message: 'Internal error' });
    const { message, read } = await sendText({ text: 'Seu pedido saiu para entrega.' });
    await runPending(h);
    expect(sends()).toHaveLength(1);
    expect(fake.delivered).toHaveLength(0);
    await runPending(h); // not due yet
    expect(sends()).toHaveLength(1);
    expect((await read()).status).toBe('pending');
    clock.advance(1_100);
    await runPending(h);
    clock.advance(60_000);
    await runPending(h);
    expect(sends()).toHaveLength(2);
    expect(fake.delivered.map((d) => d.body)).toEqual([
      { from: ZENVIA_TEST.sender, to: '5511999990001', externalId: message.id, contents: [{ type: 'text', text: 'Seu pedido saiu para entrega.' }] },
    ]);
    expect((await read()).status).toBe('sent');
  });

  it('retries a network failure before the request reached Zenvia; never resends one cut after Zenvia took it: a status with our externalId proves it', async () => {
    refuseConnections = 1;
    const refused = await sendText({ text: 'Rede fora' });
    await runPending(h);
    expect(sends()).toHaveLength(0);
    expect((await refused.read()).status).toBe('pending');
    clock.advance(1_100);
    await runPending(h);
    expect(fake.delivered.map((d) => d.body.externalId)).toEqual([refused.message.id]);
    expect((await refused.read()).status).toBe('sent');
    fake.delivered.length = 0;
    fake.requests.length = 0;

    fake.script('drop-after');
    const { message, read } = await sendText({ text: 'Conexão caiu' });
    await runPending(h);
    expect(fake.delivered).toHaveLength(1);
    expect((await read()).status).toBe('pending');
    clock.advance(60_000);
    await runPending(h);
    expect(sends()).toHaveLength(1);
    await postEvent(h, statusEvent({ id: fake.delivered[0]!.id, code: 'SENT', externalId: message.id }));
    await runPending(h);
    clock.advance(10 * 60_000);
    await runPending(h);
    expect(sends()).toHaveLength(1);
    expect((await read()).status).toBe('sent');
  });

  it('fails the message for a VALIDATION_ERROR (no retry), showing Zenvia\'s message and details to the agent', async () => {
    fake.script({ status: 400, code: 'VALIDATION_ERROR', message: 'Validation error', details: [{ code: 'INVALID_SIZE', path: 'contents[0].text', message: 'text is too long' }] });
    const { read } = await sendText({ text: 'Texto recusado' });
    await runPending(h);
    clock.advance(60 * 60_000);
    await runPending(h);
    expect(sends()).toHaveLength(1);
    expect(await read()).toMatchObject({
      status: 'failed',
      error: { code: 'WHATSAPP_SEND_FAILED', title: 'VALIDATION_ERROR: Validation error', details: 'contents[0].text: text is too long' },
    });
    // An authentication problem fails it as an account problem, for an administrator to fix.
    fake.script({ status: 401, code: 'AUTHENTICATION_ERROR', message: 'No authorization token was found' });
    const second = await sendText({ text: 'Sem token' });
    await runPending(h);
    expect(await second.read()).toMatchObject({ status: 'failed', error: { code: 'WHATSAPP_ACCOUNT_PROBLEM', title: 'AUTHENTICATION_ERROR: No authorization token was found' } });
  });

  it('sends an attachment as a file content with its caption, at a signed link that serves exactly its bytes and nothing else', async () => {
    const agent = await h.login('agent@demo.test');
    const photo = png(8, 6, [200, 40, 40]);
    const file = await upload(h, agent, photo, 'defeito.png');
    const { read } = await sendText({ text: 'Foto do defeito', attachmentId: file.id });
    await runPending(h);
    const content = fake.delivered[0]!.body.contents[0];
    expect(content).toEqual({ type: 'file', fileUrl: expect.stringContaining(`/files/zenvia/${file.id}/`), fileCaption: 'Foto do defeito' });
    expect(fake.fetched).toEqual([{ url: content.fileUrl, status: 200, contentType: 'image/png', bytes: photo }]);
    expect(await read()).toMatchObject({ status: 'sent', kind: 'media', attachments: [{ id: file.id }] });

    // The link is the only way in: altered, for another file, or expired, it serves nothing.
    const local = (link: string) => `${h.url}/${link.slice(ZENVIA_TEST.publicUrl.length + 1)}`;
    const ok = await fetch(local(content.fileUrl));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await ok.arrayBuffer()).equals(photo)).toBe(true);
    const [, id, expires, signature] = /\/files\/zenvia\/([^/]+)\/(\d+)\/([^/]+)\//.exec(content.fileUrl)!;
    const other = await upload(h, agent, pdf('outro'), 'outro.pdf');
    const tampered = [
      content.fileUrl.replace(signature!, `${signature!.slice(0, -1)}${signature!.endsWith('A') ? 'B' : 'A'}`),
      content.fileUrl.replace(id!, other.id),
      content.fileUrl.replace(`/${expires}/`, `/${Number(expires) + 3600}/`),
      `${ZENVIA_TEST.publicUrl}/files/zenvia/${other.id}/${expires}/${'x'.repeat(43)}/f`,
    ];
    for (const link of tampered) expect((await fetch(local(link))).status, link).toBe(404);
    clock.advance(25 * 3600_000);
    expect((await fetch(local(content.fileUrl))).status).toBe(404);
    // A document goes with its name; audio would go without a caption (WhatsApp shows none).
    const doc = await upload(h, await h.login('agent@demo.test'), pdf('nota'), 'nota fiscal.pdf');
    await sendText({ text: 'Segue', attachmentId: doc.id });
    await runPending(h);
    expect(fake.delivered.at(-1)!.body.contents[0]).toEqual({ type: 'file', fileUrl: expect.stringContaining(`/${doc.id}/`), fileName: 'nota fiscal.pdf', fileCaption: 'Segue' });
    expect(fake.fetched.at(-1)).toMatchObject({ status: 200, contentType: 'application/pdf' });
  });

  it('never sends a message twice when several workers run at once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await sendText({ text: `Mensagem ${i}` })).message.id);
    const workers = [h.server.provider];
    if (h.server.db.kind === 'pg') workers.push((await h.sibling()).provider);
    await Promise.all([...workers, ...workers].map((w) => w.runPending()));
    await runPending(h);
    expect(fake.delivered.map((d) => d.body.externalId).sort()).toEqual([...ids].sort());
  });
}, { ...zenviaOptions(fake, clock), zenviaClient: { timeoutMs: 5_000, fetch: refusingFetch } });
