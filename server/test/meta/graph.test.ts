/** The Meta transport against the fake Graph API over real HTTP. */
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphError } from '../../src/providers/meta/graph-client';
import { fromGraphTemplate } from '../../src/providers/meta/template-map';
import { MetaTransport } from '../../src/providers/meta/transport';
import { graphTemplates, startFakeGraph, TEST_SECRETS, type FakeGraph } from './fake-graph';

let graph: FakeGraph;
let transport: MetaTransport;

beforeAll(async () => {
  graph = await startFakeGraph();
  transport = new MetaTransport(graph.config, { timeoutMs: 5_000 });
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.templates = graphTemplates();
  graph.requests.length = 0;
  graph.failTemplateListing = null;
});

const template = (name: string) => ({ id: 'local-id', ...fromGraphTemplate(graphTemplates().find((t) => t.name === name))! });

describe('Meta transport', () => {
  it('reads every page of templates with the after cursor, the token only in the Authorization header', async () => {
    graph.pageSize = 2;
    const templates = await transport.listTemplates();
    expect(templates.map((t) => `${t.name}/${t.language}/${t.status}`)).toEqual([
      'order_update/pt_BR/APPROVED', 'ticket_followup/pt_BR/APPROVED', 'payment_reminder/en_US/PAUSED',
      'promo_black_friday/es/REJECTED', 'welcome_back/es/APPROVED',
    ]);
    expect(graph.requests.map((r) => r.query.get('after'))).toEqual([null, 'Mg==', 'NA==']);
    for (const request of graph.requests) {
      expect(request.path).toBe('/v23.0/2000000000002/message_templates');
      expect(request.authorization).toBe(`Bearer ${TEST_SECRETS.accessToken}`);
      expect(request.query.toString()).not.toContain(TEST_SECRETS.accessToken);
      expect(request.query.get('fields')).toContain('components');
    }
  });

  it('turns a Graph error body into a GraphError with code, details and trace id, and no secret', async () => {
    graph.failTemplateListing = { status: 400, code: 100, message: 'Invalid parameter' };
    const error = await transport.listTemplates().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect((error as GraphError).info).toMatchObject({ kind: 'api', httpStatus: 400, code: 100, details: 'Invalid parameter', fbtraceId: expect.stringMatching(/^ATEST/) });
    const unauthorized = new MetaTransport({ ...graph.config, accessToken: 'EAAwrongTOKENnotVALID000000' });
    const denied = (await unauthorized.listTemplates().catch((e: unknown) => e)) as GraphError;
    expect(denied.info.code).toBe(190);
    expect(denied.message).not.toContain('EAAwrongTOKENnotVALID000000');
  });

  it('sends a named template with header, body and URL button, echoing our id as callback data', async () => {
    const outcome = await transport.sendTemplate({
      to: '+5511999990001', template: template('ticket_followup'), correlationId: 'message-1',
      parameters: { 'header.ticket_no': '4821', first_name: 'Ana', agent_name: 'Bruno', 'button.0': 'TEST-4821' },
    });
    expect(outcome).toEqual({ ok: true, providerMessageId: expect.stringMatching(/^wamid\.TEST/), waId: '5511999990001' });
    expect(graph.requests.at(-1)!.body).toEqual({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: '+5511999990001', biz_opaque_callback_data: 'message-1', type: 'template',
      template: {
        name: 'ticket_followup', language: { code: 'pt_BR' },
        components: [
          { type: 'header', parameters: [{ type: 'text', parameter_name: 'ticket_no', text: '4821' }] },
          { type: 'body', parameters: [{ type: 'text', parameter_name: 'first_name', text: 'Ana' }, { type: 'text', parameter_name: 'agent_name', text: 'Bruno' }] },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'TEST-4821' }] },
        ],
      },
    });
    const text = await transport.sendText({ to: '+5511999990001', text: 'Oi', correlationId: 'message-2' });
    expect(text.ok).toBe(true);
    expect(graph.requests.at(-1)!.body).toMatchObject({ type: 'text', text: { body: 'Oi', preview_url: false } });
  });

  it('classifies refusals: rate limits and 5xx retry, window and template errors are final', async () => {
    graph.script(
      { status: 429, code: 130429, message: 'Rate limit hit', retryAfter: 30 },
      { status: 400, code: 131056, message: 'Pair rate limit hit' },
      { status: 503, code: 2, message: 'Service temporarily unavailable' },
      { status: 400, code: 131047, message: 'Re-engagement message' },
      { status: 400, code: 132015, message: 'Template is paused' },
    );
    const send = () => transport.sendText({ to: '+5511999990001', text: 'Oi', correlationId: 'm' });
    expect(await send()).toMatchObject({ ok: false, retry: true, retryAfterMs: 30_000, failure: { code: 'WHATSAPP_RATE_LIMITED' } });
    expect(await send()).toMatchObject({ ok: false, retry: true, failure: { code: 'WHATSAPP_RATE_LIMITED' } });
    expect(await send()).toMatchObject({ ok: false, retry: true, failure: { code: 'WHATSAPP_UNAVAILABLE' } });
    expect(await send()).toMatchObject({ ok: false, retry: false, failure: { code: 'WHATSAPP_WINDOW_CLOSED', message: expect.stringContaining('131047') } });
    expect(await send()).toMatchObject({ ok: false, retry: false, templateStatus: 'PAUSED', failure: { code: 'WHATSAPP_TEMPLATE_PAUSED' } });
    // A stale local copy of the template: Meta counts placeholders itself and answers 132000, final.
    const stale = { ...template('order_update'), components: [{ type: 'BODY' as const, text: 'Olá {{1}}' }] };
    const wrongCount = await transport.sendTemplate({ to: '+5511999990001', template: stale, parameters: { '1': 'Ana' }, correlationId: 'm' });
    expect(wrongCount).toMatchObject({ ok: false, retry: false, failure: { code: 'WHATSAPP_TEMPLATE_PROBLEM' } });
  });

  it('tells a connection that never opened (safe to resend) from one cut after the send (may have gone out)', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const refused = new MetaTransport({ ...graph.config, graphUrl: `http://127.0.0.1:${port}` });
    expect(await refused.sendText({ to: '+5511999990001', text: 'Oi', correlationId: 'm' })).toMatchObject({ ok: false, retry: true, maybeSent: false });
    graph.script('drop-after');
    expect(await transport.sendText({ to: '+5511999990001', text: 'Oi', correlationId: 'm' })).toMatchObject({ ok: false, retry: true, maybeSent: true });
  });
});
