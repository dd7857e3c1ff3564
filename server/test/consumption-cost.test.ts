/** Issue 20: what was spent (GET /consumption with costs, by category and market, as CSV) and budgets. */
import { expect, it } from 'vitest';
import { contactOf, describeOnEachDatabase, type Harness } from './harness';
import { newCustomer, templateId } from './pricing-helpers';

/** Sends a template as Ana (through another instance's URL when given) and waits for the sandbox to deliver it. */
async function sendAndDeliver(h: Harness, contactId: string, template: string, parameters: Record<string, string> = {}, language?: string, via?: string) {
  const agent = await h.login('agent@demo.test');
  const post = via
    ? (path: string, init: { token: string; headers: Record<string, string>; body: unknown }) =>
        fetch(`${via}${path}`, { method: 'POST', headers: { ...init.headers, 'content-type': 'application/json', authorization: `Bearer ${init.token}` }, body: JSON.stringify(init.body) })
          .then(async (r) => ({ status: r.status, body: (await r.json()) as any }))
    : (path: string, init: { token: string; headers: Record<string, string>; body: unknown }) => h.api(path, init);
  const sent = await post('/api/v1/template-sends', {
    token: agent, headers: { 'idempotency-key': `cost-${contactId}-${template}` },
    body: { contactId, templateId: await templateId(h, agent, template, language), parameters, maxWaitMinutes: 60 },
  });
  expect(sent.status).toBe(201);
  for (let i = 0; i < 100; i++) {
    const { body } = await h.api(`/api/v1/conversations/${sent.body.conversation.id}/messages`, { token: agent });
    if (['delivered', 'read'].includes(body.items.find((m: { id: string }) => m.id === sent.body.message.id).status)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the sandbox never delivered the template');
}

/** A customer writes from a new number, and Ana takes the conversation and closes it: free for a template. */
async function closedCustomer(h: Harness, from: string): Promise<string> {
  const contactId = await newCustomer(h, from);
  const agent = await h.login('agent@demo.test');
  const me = (await h.api('/api/v1/me', { token: agent })).body;
  const conversation = (await h.api(`/api/v1/contacts/${contactId}/conversations`, { token: agent })).body.items[0];
  await h.api(`/api/v1/conversations/${conversation.id}/assign`, { token: agent, body: { assigneeId: me.id } });
  expect((await h.api(`/api/v1/conversations/${conversation.id}/close`, { token: agent, body: {} })).status).toBe(200);
  return contactId;
}

const alerts = async (h: Harness) =>
  (await h.server.db.query<{ payload: any }>(`SELECT payload FROM events WHERE type = 'budget.alert' ORDER BY seq`)).rows
    .map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload))
    .map((p: { category: string; threshold: number }) => `${p.category} ${p.threshold}`);

describeOnEachDatabase('consumption: what templates cost, and budgets', (h) => {
  const report = async (query: string) => (await h.api(`/api/v1/consumption?${query}`, { token: await h.login('supervisor@demo.test') })).body;

  it('lets only administrators set budgets; supervisors read them', async () => {
    const body = { budgets: [{ category: 'MARKETING', amount: 0.1, currency: 'USD' }] };
    for (const email of ['supervisor@demo.test', 'agent@demo.test']) {
      expect((await h.api('/api/v1/admin/budgets', { method: 'PUT', token: await h.login(email), body })).status).toBe(403);
    }
    expect((await h.api('/api/v1/admin/budgets', { method: 'PUT', token: await h.login('admin@demo.test'), body: { budgets: [{ category: 'SERVICE', amount: 1, currency: 'USD' }] } })).status).toBe(400);
    const set = await h.api('/api/v1/admin/budgets', { method: 'PUT', token: await h.login('admin@demo.test'), body });
    expect(set.status).toBe(200);
    expect((await h.api('/api/v1/admin/budgets', { token: await h.login('supervisor@demo.test') })).body.items).toEqual([{ category: 'MARKETING', amount: 0.1, currency: 'USD', spent: 0 }]);
  });

  it('counts delivered billable templates and their cost by category and market, and exports CSV', async () => {
    const agent = await h.login('agent@demo.test');
    await sendAndDeliver(h, (await contactOf(h, agent, 'Elena Souza')).id, 'welcome_back');
    // Carla's window closed days ago: her utility template is charged.
    await sendAndDeliver(h, (await contactOf(h, agent, 'Carla Mendes')).id, 'order_update', { '1': 'Carla', '2': 'A-1' }, 'pt_BR');

    const byCategory = await report('groupBy=category');
    expect(byCategory).toMatchObject({ billableMessages: 2, unpricedMessages: 0, estimatedCost: 0.0693, currency: 'USD' });
    expect(byCategory.items).toEqual(expect.arrayContaining([
      { key: 'MARKETING', label: null, count: 0, billableMessages: 1, unpricedMessages: 0, estimatedCost: 0.0625, currency: 'USD' },
      { key: 'UTILITY', label: null, count: 0, billableMessages: 1, unpricedMessages: 0, estimatedCost: 0.0068, currency: 'USD' },
      expect.objectContaining({ key: 'SERVICE', count: 2, billableMessages: 0, estimatedCost: null }),
    ]));
    const byMarket = await report('groupBy=market');
    expect(byMarket.items).toEqual([{ key: 'Brazil', label: null, count: 2, billableMessages: 2, unpricedMessages: 0, estimatedCost: 0.0693, currency: 'USD' }]);
    const byAgent = await report('groupBy=agent');
    expect(byAgent.items.find((i: { label: string }) => i.label === 'Ana Ribeiro')).toMatchObject({ billableMessages: 2, estimatedCost: 0.0693 });
    // Every day of the range, also days without anything.
    const byDay = await report('groupBy=day&from=2026-01-01&to=2026-01-08');
    expect(byDay.items.map((i: { key: string }) => i.key)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07']);
    expect(byDay.items.every((i: { count: number; billableMessages: number }) => i.count === 0 && i.billableMessages === 0)).toBe(true);

    const csv = await fetch(`${h.url}/api/v1/consumption?groupBy=category&format=csv`, { headers: { authorization: `Bearer ${await h.login('supervisor@demo.test')}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('category,label,interactions,billable_messages,unpriced_messages,estimated_cost,currency');
    expect(lines).toContain('MARKETING,,0,1,0,0.0625,USD');
    expect(lines).toHaveLength(byCategory.items.length + 1);
    expect((await h.api('/api/v1/consumption?format=xml', { token: await h.login('supervisor@demo.test') })).status).toBe(400);
  });

  it('alerts supervisors and administrators at 80 % and 100 % of a budget, once each per month', async () => {
    // 0.0625 of 0.1 spent so far (62.5 %): no alert yet.
    expect(await alerts(h)).toEqual([]);
    expect((await h.api('/api/v1/admin/budgets', { token: await h.login('admin@demo.test') })).body.items[0]).toMatchObject({ spent: 0.0625 });
    await sendAndDeliver(h, await closedCustomer(h, '+5511966660001'), 'welcome_back');
    expect(await alerts(h)).toEqual(['MARKETING 80', 'MARKETING 100']);
    await sendAndDeliver(h, await closedCustomer(h, '+5511966660002'), 'welcome_back');
    expect(await alerts(h)).toEqual(['MARKETING 80', 'MARKETING 100']);
    const [event] = (await h.server.db.query<{ payload: any }>(`SELECT payload FROM events WHERE type = 'budget.alert' ORDER BY seq`)).rows;
    const payload = typeof event!.payload === 'string' ? JSON.parse(event!.payload) : event!.payload;
    expect(payload).toMatchObject({ category: 'MARKETING', threshold: 80, budget: 0.1, currency: 'USD', month: expect.stringMatching(/^\d{4}-\d{2}$/) });
  });
}, { loginRateLimit: { max: 10_000, timeWindowMs: 60_000 } });

describeOnEachDatabase('budgets with several server instances', (h) => {
  it('sends each alert once when templates are delivered on two instances at the same moment', async () => {
    const admin = await h.login('admin@demo.test');
    await h.api('/api/v1/admin/budgets', { method: 'PUT', token: admin, body: { budgets: [{ category: 'MARKETING', amount: 0.05, currency: 'USD' }] } });
    const other = await (await h.sibling()).listen(0);
    const [a, b] = [await closedCustomer(h, '+5511944440001'), await closedCustomer(h, '+5511944440002')];
    // Each template alone crosses 100 %: both instances race to send the same two alerts.
    await Promise.all([sendAndDeliver(h, a, 'welcome_back'), sendAndDeliver(h, b, 'welcome_back', {}, undefined, other)]);
    expect((await alerts(h)).sort()).toEqual(['MARKETING 100', 'MARKETING 80']);
  });
}, { loginRateLimit: { max: 10_000, timeWindowMs: 60_000 } }, { onlyPostgres: true });
