/** Sends through the Meta provider's outbox, against the fake Graph API. */
import { afterAll, beforeEach, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n';
import { contactOf, conversationOf, describeOnEachDatabase, type Harness } from '../harness';
import { graphTemplates, startFakeGraph } from './fake-graph';
import { eventually, openStream } from '../sse-stream';
import { envelope, metaOptions, postWebhook, runPending, status, testClock } from './helpers';

const graph = await startFakeGraph();
graph.templates = graphTemplates();
const clock = testClock();
afterAll(() => graph.close());

const posts = () => graph.requests.filter((r) => r.method === 'POST');

describeOnEachDatabase('Meta provider: sends', (h) => {
  beforeEach(() => {
    graph.delivered.length = 0;
    graph.requests.length = 0;
  });

  async function sendText(text: string) {
    const agent = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text } });
    expect(sent.status).toBe(201);
    return { agent, conversationId: bruno.id as string, message: sent.body.message };
  }
  // Signs in afresh: the test clock moves past access tokens' lifetime.
  const messageOf = async (_token: string, conversationId: string, id: string) =>
    (await h.api(`/api/v1/conversations/${conversationId}/messages`, { token: await h.login('agent@demo.test') })).body.items.find((m: { id: string }) => m.id === id);
  const updates = async (h: Harness, messageId: string) =>
    (await h.server.db.query<{ payload: any }>(`SELECT payload FROM events WHERE type = 'message.updated' ORDER BY seq`)).rows
      .map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload).message)
      .filter((m: { id: string }) => m.id === messageId)
      .map((m: { status: string }) => m.status);

  it('stores a template send first, then sends it once with its parameters and records the wamid', async () => {
    const agent = await h.login('agent@demo.test');
    const admin = await h.login('admin@demo.test');
    const template = (await h.api('/api/v1/templates?q=ticket_followup', { token: admin })).body.items[0];
    const elena = await contactOf(h, agent, 'Elena Souza');
    const created = await h.api('/api/v1/template-sends', {
      token: agent, headers: { 'idempotency-key': 'meta-send-elena-1' },
      body: { contactId: elena.id, templateId: template.id, maxWaitMinutes: 60, parameters: { 'header.ticket_no': '4821', first_name: 'Elena', agent_name: 'Ana', 'button.0': 'T-4821' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.message.status).toBe('pending');
    await runPending(h);
    await runPending(h);
    expect(graph.delivered).toHaveLength(1);
    expect(graph.delivered[0]!.body).toMatchObject({
      to: '+5511999990004', type: 'template', biz_opaque_callback_data: created.body.message.id,
      template: { name: 'ticket_followup', language: { code: 'pt_BR' }, components: expect.arrayContaining([{ type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'T-4821' }] }]) },
    });
    const message = await messageOf(agent, created.body.conversation.id, created.body.message.id);
    expect(message).toMatchObject({ status: 'sent', kind: 'template', template: { name: 'ticket_followup' } });
    const stored = await h.server.db.query<{ provider_message_id: string }>('SELECT provider_message_id FROM messages WHERE id = $1', [message.id]);
    expect(stored.rows[0]!.provider_message_id).toBe(graph.delivered[0]!.wamid);
    expect(await updates(h, message.id)).toEqual(['sent']);
  });

  it('sends free text inside the window, and statuses from webhooks move it forward', async () => {
    const { agent, conversationId, message } = await sendText('Seu pedido saiu para entrega.');
    await runPending(h);
    expect(graph.delivered.map((d) => d.body)).toEqual([expect.objectContaining({ to: '+5511999990001', type: 'text', text: { body: 'Seu pedido saiu para entrega.', preview_url: false } })]);
    const wamid = graph.delivered[0]!.wamid;
    const t = Math.floor(clock.now().getTime() / 1000);
    await postWebhook(h, envelope(status({ id: wamid, status: 'delivered', timestamp: t })));
    await runPending(h);
    expect((await messageOf(agent, conversationId, message.id)).status).toBe('delivered');
    expect(await updates(h, message.id)).toEqual(['sent', 'delivered']);
  });

  it('tells connected agents of each status a webhook brings, with the message as the API reads it', async () => {
    const { agent, conversationId, message } = await sendText('Chegou?');
    await runPending(h);
    const wamid = graph.delivered[0]!.wamid;
    const stream = await openStream(h.url, agent);
    try {
      const t = Math.floor(clock.now().getTime() / 1000);
      await postWebhook(h, envelope(status({ id: wamid, status: 'delivered', timestamp: t }), status({ id: wamid, status: 'read', timestamp: t + 1 })));
      await runPending(h);
      const updated = () => stream.frames.filter((f) => f.event === 'message.updated' && f.data.message?.id === message.id);
      await eventually(() => updated().length > 0);
      // Both statuses came in one batch: the message changed once, to where they left it.
      expect(updated().map((f) => f.data.message!.status)).toEqual(['read']);
      expect(updated()[0]!.data.message).toEqual(await messageOf(agent, conversationId, message.id));
    } finally {
      stream.close();
    }
  });

  it('retries rate limits and outages with backoff, and sends exactly once', async () => {
    graph.script({ status: 429, code: 130429, message: 'Rate limit hit' }, { status: 503, code: 2, message: 'Service temporarily unavailable' });
    const { agent, conversationId, message } = await sendText('Tentando de novo');
    await runPending(h);
    expect(posts()).toHaveLength(1);
    await runPending(h); // not due yet: nothing more is sent
    expect(posts()).toHaveLength(1);
    expect((await messageOf(agent, conversationId, message.id)).status).toBe('pending');
    clock.advance(1_100);
    await runPending(h);
    expect(posts()).toHaveLength(2);
    clock.advance(4_100);
    await runPending(h);
    clock.advance(60_000);
    await runPending(h);
    expect(posts()).toHaveLength(3);
    expect(graph.delivered).toHaveLength(1);
    expect((await messageOf(agent, conversationId, message.id)).status).toBe('sent');
  });

  it('fails the message with a stable, translated reason when WhatsApp refuses for good', async () => {
    graph.script({ status: 400, code: 131047, message: 'Re-engagement message' });
    const { agent, conversationId, message } = await sendText('Fora da janela');
    await runPending(h);
    clock.advance(60 * 60_000);
    await runPending(h);
    expect(posts()).toHaveLength(1);
    const failed = await messageOf(agent, conversationId, message.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'WHATSAPP_WINDOW_CLOSED', message: expect.stringContaining('131047') } });
    for (const language of ['en', 'es', 'pt-BR'] as const) expect(translate(language, 'error.WHATSAPP_WINDOW_CLOSED')).toMatch(/24/);
    expect(await updates(h, message.id)).toEqual(['failed']);
  });

  it('gives up after the last retry with a readable reason', async () => {
    graph.script(...Array.from({ length: 8 }, () => ({ status: 429, code: 131056, message: 'Pair rate limit hit' })));
    const { agent, conversationId, message } = await sendText('Muitas mensagens');
    for (let i = 0; i < 10; i++) {
      await runPending(h);
      clock.advance(16 * 60_000);
    }
    expect(posts()).toHaveLength(8);
    expect(await messageOf(agent, conversationId, message.id)).toMatchObject({ status: 'failed', error: { code: 'WHATSAPP_RATE_LIMITED' } });
  });

  it('does not resend a send cut after WhatsApp took it once a status webhook proves it went out', async () => {
    graph.script('drop-after');
    const { agent, conversationId, message } = await sendText('Conexão caiu');
    await runPending(h);
    expect(graph.delivered).toHaveLength(1);
    expect((await messageOf(agent, conversationId, message.id)).status).toBe('pending');
    const t = Math.floor(clock.now().getTime() / 1000);
    await postWebhook(h, envelope(status({ id: graph.delivered[0]!.wamid, status: 'sent', timestamp: t, callback: message.id })));
    await runPending(h);
    clock.advance(10 * 60_000);
    await runPending(h);
    expect(graph.delivered).toHaveLength(1);
    expect(posts()).toHaveLength(1);
    expect((await messageOf(agent, conversationId, message.id)).status).toBe('sent');
  });

  it('never resends a send that may have gone out: without proof it ends unconfirmed, in the agent\'s words', async () => {
    graph.script('drop-before');
    const { agent, conversationId, message } = await sendText('Sem resposta');
    await runPending(h);
    clock.advance(60_000);
    await runPending(h);
    expect(posts()).toHaveLength(1);
    clock.advance(2 * 60_000);
    await runPending(h);
    clock.advance(30 * 60_000);
    await runPending(h);
    expect(posts()).toHaveLength(1);
    const failed = await messageOf(agent, conversationId, message.id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'WHATSAPP_SEND_UNCONFIRMED' } });
    expect(translate('pt-BR', 'error.WHATSAPP_SEND_UNCONFIRMED')).toMatch(/não foi reenviada/);
  });

  it('takes a late report from WhatsApp over an unconfirmed send', async () => {
    graph.script('drop-after');
    const { agent, conversationId, message } = await sendText('Chegou depois');
    await runPending(h);
    clock.advance(3 * 60_000);
    await runPending(h);
    expect((await messageOf(agent, conversationId, message.id)).error?.code).toBe('WHATSAPP_SEND_UNCONFIRMED');
    const t = Math.floor(clock.now().getTime() / 1000);
    await postWebhook(h, envelope(status({ id: graph.delivered[0]!.wamid, status: 'delivered', timestamp: t, callback: message.id })));
    await runPending(h);
    expect(await messageOf(agent, conversationId, message.id)).toMatchObject({ status: 'delivered', error: null });
    expect(posts()).toHaveLength(1);
  });

  it('does not resend what a worker that died mid-send was sending', async () => {
    graph.script({ status: 503, code: 131000, message: 'Something went wrong' });
    const { agent, conversationId, message } = await sendText('Servidor caiu');
    await runPending(h); // refused with a 503: a retry is due later
    // As if a worker claimed the retry, maybe sent it, and died before recording anything.
    await h.server.db.query(`UPDATE outbox SET state = 'sending', attempts = 1, lease_until = $2 WHERE message_id = $1`, [
      message.id,
      new Date(clock.now().getTime() - 1000),
    ]);
    graph.requests.length = 0;
    await runPending(h);
    expect(posts()).toHaveLength(0);
    expect((await messageOf(agent, conversationId, message.id)).error?.code).toBe('WHATSAPP_SEND_UNCONFIRMED');
  });

  it('never sends a message twice when several workers run at once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await sendText(`Mensagem ${i}`)).message.id);
    const workers = [h.server.provider];
    if (h.server.db.kind === 'pg') workers.push((await h.sibling()).provider);
    await Promise.all([...workers, ...workers].map((w) => w.runPending()));
    await runPending(h);
    expect(graph.delivered.map((d) => d.body.biz_opaque_callback_data).sort()).toEqual([...ids].sort());
  });
}, metaOptions(graph, clock));
