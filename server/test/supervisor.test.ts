import { expect, it } from 'vitest';
import { describeOnEachDatabase } from './harness';

describeOnEachDatabase('supervisor: expiring sessions', (h) => {
  it('is for supervisors and administrators only', async () => {
    for (const email of ['agent@demo.test', 'operator@demo.test']) {
      const refused = await h.api('/api/v1/supervisor/expiring', { token: await h.login(email) });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
    }
    expect((await h.api('/api/v1/supervisor/expiring?withinMinutes=0', { token: await h.login('supervisor@demo.test') })).status).toBe(400);
  });

  it('lists windows and auto-closes inside the range, most urgent first, with agent and time left', async () => {
    const supervisor = await h.login('supervisor@demo.test');
    expect((await h.api('/api/v1/supervisor/expiring?withinMinutes=60', { token: supervisor })).body.items).toEqual([]);
    const day = await h.api('/api/v1/supervisor/expiring?withinMinutes=1440', { token: supervisor });
    // Bruno's window ends in 22 h, Gabriela's template auto-closes in 23 h.
    expect(day.body.items.map((i: { contact: { name: string }; kind: string }) => `${i.contact.name}:${i.kind}`)).toEqual([
      'Bruno Costa:window',
      'Gabriela Rocha:auto_close',
    ]);
    expect(day.body.items[1]).toMatchObject({ state: 'waiting', agent: { name: 'Ana Ribeiro' } });
    expect(day.body.items[1].secondsLeft).toBeLessThanOrEqual(23 * 3600);
    expect(day.body.items[1].secondsLeft).toBeGreaterThan(22.9 * 3600);

    // 22 h 30 min later Gabriela's conversation is half an hour from closing.
    await h.server.sandboxClock!.advance(22.5 * 3600);
    const soon = await h.api('/api/v1/supervisor/expiring?withinMinutes=60', { token: await h.login('admin@demo.test') });
    expect(soon.body.items.map((i: { contact: { name: string } }) => i.contact.name)).toEqual(['Gabriela Rocha']);
    expect(soon.body.items[0].secondsLeft).toBeLessThanOrEqual(30 * 60);
  });
});
