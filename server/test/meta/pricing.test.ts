/** Issue 20: a template sent through Meta keeps the price its status webhooks report (`pricing`). */
import { afterAll, expect, it } from 'vitest';
import { contactOf, describeOnEachDatabase } from '../harness';
import { graphTemplates, startFakeGraph } from './fake-graph';
import { envelope, messagesChange, metaOptions, postWebhook, runPending, testClock } from './helpers';

const graph = await startFakeGraph();
graph.templates = graphTemplates();
const clock = testClock();
afterAll(() => graph.close());

describeOnEachDatabase('Meta provider: template prices from status webhooks', (h) => {
  it('keeps the quote at send time, then what Meta reports: its type and category priced by the rate card', async () => {
    const agent = await h.login('agent@demo.test');
    const admin = await h.login('admin@demo.test');
    const template = (await h.api('/api/v1/templates?q=ticket_followup', { token: admin })).body.items[0];
    const elena = await contactOf(h, agent, 'Elena Souza');
    const quote = await h.api('/api/v1/template-sends/quote', { token: agent, body: { contactId: elena.id, templateId: template.id } });
    expect(quote.body).toMatchObject({ reason: 'CHARGED', category: 'UTILITY', amount: 0.0068 });
    const created = await h.api('/api/v1/template-sends', {
      token: agent, headers: { 'idempotency-key': 'meta-price-elena-1' },
      body: { contactId: elena.id, templateId: template.id, maxWaitMinutes: 60, parameters: { 'header.ticket_no': '4821', first_name: 'Elena', agent_name: 'Ana', 'button.0': 'T-4821' } },
    });
    expect(created.status).toBe(201);
    await runPending(h);
    await runPending(h);
    const wamid = graph.delivered.find((d) => d.body.biz_opaque_callback_data === created.body.message.id)!.wamid;
    clock.advance(1000); // the report covers up to now, and the test clock stands still
    const costs = async () => (await h.api('/api/v1/consumption?groupBy=category', { token: await h.login('supervisor@demo.test') })).body;
    // Sent, not delivered yet: WhatsApp charges on delivery.
    expect((await costs()).billableMessages).toBe(0);

    // Meta bills it as marketing (it re-categorized the template): the report wins over the quote.
    const pricing = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' };
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    await postWebhook(h, envelope(messagesChange({ statuses: [{ id: wamid, status: 'delivered', timestamp: ts, recipient_id: '5511999990004', pricing }] })));
    await runPending(h);
    const report = await costs();
    expect(report).toMatchObject({ billableMessages: 1, estimatedCost: 0.0625, currency: 'USD' });
    expect(report.items).toContainEqual(expect.objectContaining({ key: 'MARKETING', billableMessages: 1, estimatedCost: 0.0625 }));

    // A later report saying it was free (inside a free-entry-point window) makes it free.
    const free = { ...pricing, billable: false, type: 'free_entry_point', category: 'referral_conversion' };
    await postWebhook(h, envelope(messagesChange({ statuses: [{ id: wamid, status: 'read', timestamp: ts, recipient_id: '5511999990004', pricing: free }] })));
    await runPending(h);
    expect(await costs()).toMatchObject({ billableMessages: 0, estimatedCost: null });
  });

  it('records a customer who came from an ad (Meta\'s referral): templates to them are free for a while', async () => {
    const ts = String(Math.floor(clock.now().getTime() / 1000));
    await postWebhook(h, envelope(messagesChange({
      contacts: [{ profile: { name: 'Cliente do Anúncio' }, wa_id: '5511955550001' }],
      messages: [{ from: '5511955550001', id: 'wamid.TESTreferral1', timestamp: ts, type: 'text', text: { body: 'Vi o anúncio' }, referral: { source_type: 'ad', source_id: '1', source_url: 'https://fb.me/x', headline: 'Promo' } }],
    })));
    await runPending(h);
    const agent = await h.login('agent@demo.test');
    const contact = await contactOf(h, agent, 'Cliente do Anúncio');
    const template = (await h.api('/api/v1/templates?q=ticket_followup', { token: agent })).body.items[0];
    expect((await h.api('/api/v1/template-sends/quote', { token: agent, body: { contactId: contact.id, templateId: template.id } })).body).toMatchObject({ billable: false, reason: 'FREE_ENTRY_POINT' });
  });
}, { ...metaOptions(graph, clock), demoData: true });
