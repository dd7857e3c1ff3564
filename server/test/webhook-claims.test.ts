/**
 * The webhook inbox hands out its rows oldest first, by number: ids read back as text must not
 * be ordered as text, where "10" comes before "9" (a delivery would be split, and its items
 * applied, before the one that arrived earlier).
 */
import { expect, it } from 'vitest';
import { claimUnexpanded, storeWebhooks } from '../src/repo/webhooks';
import { describeOnEachDatabase } from './harness';
import { nearNextDigit } from './sequences';

describeOnEachDatabase('the webhook inbox, where ids gain a digit', (h) => {
  it('takes deliveries waiting to be split oldest first', async () => {
    const db = h.server.db;
    const boundary = await nearNextDigit(db, 'webhook_events_id_seq', 1);
    const now = new Date();
    await storeWebhooks(db, 'order-test', ['{"arrived":"first"}'], now);
    await storeWebhooks(db, 'order-test', ['{"arrived":"second"}'], now);
    const claimed = await db.transaction((tx) => claimUnexpanded(tx, 'order-test', 1));
    expect(claimed).toEqual([{ id: String(boundary - 1), raw: '{"arrived":"first"}' }]);
    const both = await db.transaction((tx) => claimUnexpanded(tx, 'order-test', 10));
    expect(both.map((d) => d.id)).toEqual([String(boundary - 1), String(boundary)]);
  });
});
