import { expect, it } from 'vitest';
import { describeOnEachDatabase } from './harness';

/** Interactions only (items also carry what templates cost since issue 20: consumption-cost.test.ts). */
const counted = ({ key, label, count }: { key: string; label: string | null; count: number }) => ({ key, label, count });

describeOnEachDatabase('consumption: opened 24-hour windows', (h) => {
  const customer = async (from: string, text: string) =>
    h.api('/api/v1/sandbox/customer-messages', { token: await h.login('admin@demo.test'), body: { from, text } });
  const report = async (groupBy: string) =>
    (await h.api(`/api/v1/consumption?groupBy=${groupBy}`, { token: await h.login('supervisor@demo.test') })).body;

  it('is for supervisors and administrators only, with a valid range', async () => {
    for (const email of ['agent@demo.test', 'operator@demo.test']) {
      const refused = await h.api('/api/v1/consumption', { token: await h.login(email) });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
    }
    const admin = await h.login('admin@demo.test');
    expect((await h.api('/api/v1/consumption?groupBy=week', { token: admin })).status).toBe(400);
    expect((await h.api('/api/v1/consumption?from=2026-02-01&to=2026-01-01', { token: admin })).status).toBe(400);
    expect((await h.api('/api/v1/consumption?from=yesterday', { token: admin })).status).toBe(400);
  });

  it('counts one unit per window opened, priced by the answered template or as service', async () => {
    // The demo's history: Bruno and Carla opened windows themselves (service).
    expect(await report('category')).toMatchObject({ total: 2, items: [{ key: 'SERVICE', count: 2 }] });

    // Gabriela answers the order_update (UTILITY) template Ana sent her; a second message in the
    // same window is not another unit.
    await customer('+5511999990006', 'Oi! Recebi.');
    await customer('+5511999990006', 'Pode mandar o código?');
    // Someone new writes first: a service window, nobody assigned yet.
    await customer('+5511988880000', 'Olá, vocês entregam em Campinas?');
    const byCategory = await report('category');
    expect(byCategory.total).toBe(4);
    expect(byCategory.items.map(counted)).toEqual([
      { key: 'SERVICE', label: null, count: 3 },
      { key: 'UTILITY', label: null, count: 1 },
    ]);
    const byAgent = await report('agent');
    expect(byAgent.items.map((i: { label: string | null; count: number }) => [i.label, i.count])).toEqual([
      ['Ana Ribeiro', 3],
      [null, 1],
    ]);
    expect(byAgent.items[1].key).toBe('none');
    const byDay = await report('day');
    expect(byDay.items.reduce((n: number, i: { count: number }) => n + i.count, 0)).toBe(4);
    expect(byDay.items.every((i: { key: string }) => /^\d{4}-\d{2}-\d{2}$/.test(i.key))).toBe(true);

    // More than 24 hours later the window has lapsed: the customer writing again opens a new one
    // (a service window this time, since no template is being answered).
    await h.server.sandboxClock!.advance(25 * 3600);
    await customer('+5511999990006', 'Ainda estou aguardando.');
    expect((await report('category')).items.map(counted)).toEqual([
      { key: 'SERVICE', label: null, count: 4 },
      { key: 'UTILITY', label: null, count: 1 },
    ]);
  });
});
