/**
 * The webhooks the server registers at Zenvia at start: exactly one MESSAGE (whatsapp, IN) and one
 * MESSAGE_STATUS (whatsapp) subscription at ZENVIA_WEBHOOK_URL with the secret header; reused after
 * a restart, stale ones of ours replaced, never duplicated (also by instances starting together).
 */
import { afterAll, beforeEach, expect, it } from 'vitest';
import type { ZenviaProvider } from '../../src/providers/zenvia/provider';
import { describeOnEachDatabase } from '../harness';
import { startFakeZenvia, ZENVIA_TEST } from './fake-zenvia';
import { postEvent, testClock, zenviaOptions, zenviaTemplates } from './helpers';

const fake = await startFakeZenvia();
fake.templates = zenviaTemplates();
const clock = testClock();
afterAll(() => fake.close());

const WEBHOOK = `${ZENVIA_TEST.publicUrl}/webhooks/zenvia`;
const posts = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v2/subscriptions');
const deletes = () => fake.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/v2/subscriptions/'));
const ours = () => [...fake.subscriptions.values()].filter((s) => s.webhook.url === WEBHOOK);

describeOnEachDatabase('Zenvia provider: webhook subscriptions', (h) => {
  const secret = fake.config.webhookSecret;
  beforeEach(() => {
    fake.requests.length = 0;
    fake.listHeaders = true;
    fake.config.webhookSecret = secret;
  });

  it('registers one MESSAGE (whatsapp, IN) and one MESSAGE_STATUS subscription at start, with the secret header, as the spec shapes them', async () => {
    // The first start on this database ran before this test: what it left at Zenvia.
    expect(ours().map((s) => ({ eventType: s.eventType, criteria: s.criteria, webhook: s.webhook, version: s.version })).sort((a, b) => a.eventType.localeCompare(b.eventType))).toEqual([
      { eventType: 'MESSAGE', criteria: { channel: 'whatsapp', direction: 'IN' }, webhook: { url: WEBHOOK, headers: { 'X-ZapDesk-Webhook-Secret': ZENVIA_TEST.secret } }, version: 'v2' },
      { eventType: 'MESSAGE_STATUS', criteria: { channel: 'whatsapp' }, webhook: { url: WEBHOOK, headers: { 'X-ZapDesk-Webhook-Secret': ZENVIA_TEST.secret } }, version: 'v2' },
    ]);
    expect(fake.invalidBodies).toEqual([]);
  });

  it('reuses them after a restart: nothing created, nothing removed', async () => {
    const before = ours().map((s) => s.id).sort();
    await h.restart();
    expect(posts()).toHaveLength(0);
    expect(deletes()).toHaveLength(0);
    expect(ours().map((s) => s.id).sort()).toEqual(before);
    // Also when Zenvia does not list headers back: the ids and the secret's hash kept in the database say they are ours and right.
    fake.listHeaders = false;
    await h.restart();
    expect(posts()).toHaveLength(0);
    expect(ours().map((s) => s.id).sort()).toEqual(before);
  });

  it('replaces stale ones of ours (another secret, a duplicate, INACTIVE) and leaves other integrations\' alone', async () => {
    const foreign = { id: 'sub-FOREIGN-1', eventType: 'MESSAGE', webhook: { url: 'https://crm.example.test/hook' }, criteria: { channel: 'whatsapp', direction: 'IN' }, status: 'ACTIVE', version: 'v2' };
    fake.subscriptions.set(foreign.id, foreign);
    const [message] = ours().filter((s) => s.eventType === 'MESSAGE');
    // A second MESSAGE_STATUS of ours (a duplicate) and the MESSAGE one gone INACTIVE at Zenvia.
    fake.subscriptions.set('sub-DUP-1', { ...ours().find((s) => s.eventType === 'MESSAGE_STATUS'), id: 'sub-DUP-1' });
    message.status = 'INACTIVE';
    await h.restart();
    expect(deletes().map((r) => r.path).sort()).toEqual([`/v2/subscriptions/${message.id}`, '/v2/subscriptions/sub-DUP-1'].sort());
    expect(posts().map((r) => r.body.eventType)).toEqual(['MESSAGE']);
    expect(ours().map((s) => s.eventType).sort()).toEqual(['MESSAGE', 'MESSAGE_STATUS']);
    expect(fake.subscriptions.get(foreign.id)).toEqual(foreign);
    fake.subscriptions.delete(foreign.id);

    // A new secret: both are replaced, and the webhook takes only the new one (headers not listed back here).
    fake.requests.length = 0;
    fake.listHeaders = false;
    fake.config.webhookSecret = 'webhook-SECRET-rotated-99d1';
    await h.restart();
    expect(deletes()).toHaveLength(2);
    expect(posts().map((r) => r.body.webhook.headers)).toEqual([{ 'X-ZapDesk-Webhook-Secret': 'webhook-SECRET-rotated-99d1' }, { 'X-ZapDesk-Webhook-Secret': 'webhook-SECRET-rotated-99d1' }]);
    expect(ours()).toHaveLength(2);
    expect((await postEvent(h, { type: 'MESSAGE' }, ZENVIA_TEST.secret)).status).toBe(401);
    expect((await postEvent(h, { type: 'MESSAGE' }, 'webhook-SECRET-rotated-99d1')).status).toBe(200);
    fake.config.webhookSecret = secret;
    fake.listHeaders = true;
    await h.restart();
    expect(ours()).toHaveLength(2);
  });

  it('starts anyway when Zenvia cannot be reached, and registers them when it can again', async () => {
    for (const s of ours()) fake.subscriptions.delete(s.id);
    fake.failSubscriptions = 1;
    await h.restart();
    expect(fake.failSubscriptions).toBe(0);
    expect(ours()).toHaveLength(0);
    // The server serves meanwhile: it synced the templates, and webhooks with the secret are taken.
    expect(fake.requests.some((r) => r.path === '/v2/templates')).toBe(true);
    expect((await postEvent(h, { type: 'CONTACT' })).status).toBe(200);
    // What its retry (every minute) does:
    await (h.server.provider as ZenviaProvider).subscriptions.ensure();
    expect(ours().map((s) => s.eventType).sort()).toEqual(['MESSAGE', 'MESSAGE_STATUS']);
  });

  // The next run (another database) starts with none at Zenvia.
  afterAll(() => fake.subscriptions.clear());
}, zenviaOptions(fake, clock), { persistent: true });

describeOnEachDatabase('Zenvia provider: webhook subscriptions', (h) => {
  it('never duplicates them when several instances start at once', async () => {
    for (const s of ours()) fake.subscriptions.delete(s.id);
    fake.requests.length = 0;
    await Promise.all([h.sibling(), h.sibling(), h.sibling()]);
    expect(posts()).toHaveLength(2);
    expect(ours().map((s) => s.eventType).sort()).toEqual(['MESSAGE', 'MESSAGE_STATUS']);
  });
}, zenviaOptions(fake, clock), { onlyPostgres: true });
