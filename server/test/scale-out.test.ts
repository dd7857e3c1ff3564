/** Several server instances on one PostgreSQL behave as one: the sandbox clock is shared. */
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from './harness';

async function eventually(check: () => boolean, what: string) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check(), what).toBe(true);
}

describeOnEachDatabase('several instances on one database', (h) => {
  it('moves the sandbox clock of every instance when one moves it, and the answers agree', async () => {
    const other = await h.sibling();
    const url = await other.listen(0);
    const before = other.clock.now().getTime();
    const admin = await h.login('admin@demo.test');
    const moved = await h.api('/api/v1/sandbox/clock', { token: admin, body: { advanceSeconds: 3 * 3600 } });
    expect(moved.status).toBe(200);
    await eventually(() => other.clock.now().getTime() - before >= 3 * 3600 * 1000, 'the sibling follows the move');
    // A fresh token: moving the clock 3 h expires access tokens.
    const fresh = await h.login('admin@demo.test');
    const seen = await fetch(`${url}/api/v1/conversations?limit=1`, { headers: { authorization: `Bearer ${fresh}` } }).then((r) => r.json() as Promise<{ serverTime: string }>);
    expect(Math.abs(Date.parse(seen.serverTime) - Date.parse(moved.body.serverTime))).toBeLessThan(60_000);
  });
}, {}, { onlyPostgres: true });
