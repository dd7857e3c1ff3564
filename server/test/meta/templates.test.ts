/** Template sync with the Meta provider: every page at start, on demand, and status webhooks. */
import { afterAll, expect, it } from 'vitest';
import type { MetaProvider } from '../../src/providers/meta/provider';
import { contactOf, describeOnEachDatabase } from '../harness';
import { graphTemplates, startFakeGraph, TEST_SECRETS } from './fake-graph';
import { envelope, metaOptions, postWebhook, runPending, status, templateChange, testClock } from './helpers';

const graph = await startFakeGraph();
graph.templates = graphTemplates();
const clock = testClock();
afterAll(() => graph.close());

describeOnEachDatabase('Meta provider: template sync', (h) => {
  afterAll(() => {
    graph.templates = graphTemplates();
    graph.failTemplateListing = null;
  });
  const list = async (token: string, query = '') =>
    (await h.api(`/api/v1/templates${query}`, { token })).body.items.map((t: { name: string; language: string; status: string }) => `${t.name}/${t.language}/${t.status}`).sort();
  const idOf = async (token: string, name: string) =>
    (await h.api(`/api/v1/templates?status=ALL&q=${name}`, { token })).body.items.find((t: { name: string }) => t.name === name);

  it('reads every page at start; what WhatsApp does not list can no longer be sent', async () => {
    const admin = await h.login('admin@demo.test');
    const agent = await h.login('agent@demo.test');
    expect(await list(agent)).toEqual(['order_update/pt_BR/APPROVED', 'ticket_followup/pt_BR/APPROVED', 'welcome_back/es/APPROVED']);
    const all = await list(admin, '?status=ALL');
    expect(all).toEqual(expect.arrayContaining(['payment_reminder/en_US/PAUSED', 'promo_black_friday/es/REJECTED', 'order_update/es/DELETED', 'verify_code/en_US/DELETED']));
    const followup = await idOf(admin, 'ticket_followup');
    expect(followup).toMatchObject({ parameterFormat: 'NAMED', examples: { 'header.ticket_no': '123', first_name: 'Ana' } });
    expect(followup.components.map((c: { type: string }) => c.type)).toEqual(['HEADER', 'BODY', 'BUTTONS']);
    expect((await idOf(admin, 'promo_black_friday')).statusReason).toContain('PROMOTIONAL');
  });

  it('syncs on demand for administrators only, and says so when WhatsApp cannot be reached', async () => {
    const admin = await h.login('admin@demo.test');
    for (const who of ['agent@demo.test', 'supervisor@demo.test', 'operator@demo.test']) {
      const refused = await h.api('/api/v1/templates/sync', { token: await h.login(who), body: {} });
      expect(refused.status, who).toBe(403);
      expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
    }
    expect((await h.api('/api/v1/templates/sync', { body: {} })).status).toBe(401);
    graph.templates.push({
      id: '1000000000000009', name: 'survey_invite', language: 'pt_BR', status: 'APPROVED', category: 'MARKETING', parameter_format: 'POSITIONAL',
      components: [{ type: 'BODY', text: 'Conte pra gente como foi!' }],
    });
    const synced = await h.api('/api/v1/templates/sync', { token: admin, body: {} });
    expect(synced.status).toBe(200);
    expect(synced.body).toMatchObject({ provider: 'meta', synced: 6 });
    expect(await list(admin)).toContain('survey_invite/pt_BR/APPROVED');

    graph.failTemplateListing = { status: 500, code: 2, message: 'Service temporarily unavailable' };
    const down = await h.api('/api/v1/templates/sync', { token: admin, body: {} });
    graph.failTemplateListing = null;
    expect(down.status).toBe(503);
    expect(down.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(JSON.stringify(down.body)).not.toContain(TEST_SECRETS.accessToken);
  });

  it('stops sending a template the moment a webhook pauses it, even a send already queued, and takes it back when reinstated', async () => {
    const agent = await h.login('agent@demo.test');
    const admin = await h.login('admin@demo.test');
    const followup = await idOf(admin, 'ticket_followup');
    const elena = await contactOf(h, agent, 'Elena Souza');
    const body = { contactId: elena.id, templateId: followup.id, maxWaitMinutes: 60, parameters: { 'header.ticket_no': '1', first_name: 'Elena', agent_name: 'Ana', 'button.0': 'T-1' } };
    // A send that WhatsApp rate-limits first waits in the outbox...
    graph.script({ status: 429, code: 130429, message: 'Rate limit hit' });
    const queued = await h.api('/api/v1/template-sends', { token: agent, body, headers: { 'idempotency-key': 'paused-queued-1' } });
    expect(queued.status).toBe(201);
    await runPending(h);
    const attempts = graph.requests.filter((r) => r.method === 'POST').length;

    // ...and Meta pauses the template meanwhile.
    expect((await postWebhook(h, envelope(templateChange({ id: '1000000000000002', event: 'PAUSED', name: 'ticket_followup', language: 'pt_BR' })))).status).toBe(200);
    await runPending(h);
    expect(await list(agent)).not.toContain('ticket_followup/pt_BR/APPROVED');
    expect((await idOf(admin, 'ticket_followup')).status).toBe('PAUSED');

    clock.advance(60_000);
    await runPending(h);
    expect(graph.requests.filter((r) => r.method === 'POST').length).toBe(attempts);
    const messages = await h.api(`/api/v1/conversations/${queued.body.conversation.id}/messages`, { token: agent });
    expect(messages.body.items[0]).toMatchObject({ status: 'failed', error: { code: 'WHATSAPP_TEMPLATE_PAUSED' } });

    await postWebhook(h, envelope(templateChange({ id: '1000000000000002', event: 'REINSTATED', name: 'ticket_followup', language: 'pt-BR' })));
    await runPending(h);
    expect(await idOf(admin, 'ticket_followup')).toMatchObject({ status: 'APPROVED', statusReason: null });
  });

  it('reads a template it has never seen when a webhook names it', async () => {
    const admin = await h.login('admin@demo.test');
    graph.templates.push({
      id: '1000000000000010', name: 'brand_new', language: 'en_US', status: 'APPROVED', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hello' }],
    });
    await postWebhook(h, envelope(templateChange({ id: '1000000000000010', event: 'APPROVED', name: 'brand_new', language: 'en_US' })));
    await runPending(h);
    await (h.server.provider as MetaProvider).templates.idle();
    expect(await list(admin)).toContain('brand_new/en_US/APPROVED');
  });

  it('takes a template out of use when a delivery report says WhatsApp paused it', async () => {
    const agent = await h.login('agent@demo.test');
    const admin = await h.login('admin@demo.test');
    const order = (await h.api('/api/v1/templates?q=order_update', { token: admin })).body.items.find((t: { language: string }) => t.language === 'pt_BR');
    const carla = await contactOf(h, agent, 'Carla Mendes');
    const sent = await h.api('/api/v1/template-sends', {
      token: agent, headers: { 'idempotency-key': 'paused-by-status-1' },
      body: { contactId: carla.id, templateId: order.id, maxWaitMinutes: 60, parameters: { '1': 'Carla', '2': 'T-9' } },
    });
    await runPending(h);
    const wamid = graph.delivered.find((d) => d.body.biz_opaque_callback_data === sent.body.message.id)!.wamid;
    await postWebhook(h, envelope(status({ id: wamid, status: 'failed', timestamp: Math.floor(clock.now().getTime() / 1000), errorCode: 132015 })));
    await runPending(h);
    const messages = await h.api(`/api/v1/conversations/${sent.body.conversation.id}/messages`, { token: agent });
    expect(messages.body.items[0]).toMatchObject({ status: 'failed', error: { code: 'WHATSAPP_TEMPLATE_PAUSED' } });
    expect(await list(agent)).not.toContain('order_update/pt_BR/APPROVED');
  });
}, metaOptions(graph, clock));
