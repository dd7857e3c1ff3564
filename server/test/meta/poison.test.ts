/** Poison isolation in the webhook inbox: nothing blocks the items after it, nothing is dropped. */
import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { conversationOf, describeOnEachDatabase, type Harness } from '../harness';
import { graphTemplates, startFakeGraph } from './fake-graph';
import { count, envelope, inbound, metaOptions, postWebhook, runPending, status, testClock } from './helpers';

const graph = await startFakeGraph();
graph.templates = graphTemplates();
const clock = testClock();
afterAll(() => graph.close());

const now = () => Math.floor(clock.now().getTime() / 1000);

/** Runs the worker as time passes, until nothing is left pending or `rounds` is reached. */
async function runFor(h: Harness, rounds: number) {
  for (let i = 0; i < rounds; i++) {
    clock.advance(16 * 60_000); // past the longest backoff
    await runPending(h);
  }
}

describeOnEachDatabase('Meta provider: poisoned webhooks', (h) => {
  const textsFrom = async (phone: string) =>
    (await h.server.db.query<{ text: string }>(
      `SELECT m.text FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN contacts ct ON ct.id = c.contact_id WHERE ct.phone = $1 ORDER BY m.created_at, m.seq`,
      [phone],
    )).rows.map((r) => r.text);

  it('stores a message whose text holds NUL characters (removed), and the next delivery still applies', async () => {
    const nul = JSON.stringify(envelope(inbound({ from: '5511966660001', id: 'wamid.NUL1', text: 'a\u0000b', timestamp: now(), name: 'Nul\u0000 Name' })));
    expect(nul).toContain('\\u0000');
    expect((await postWebhook(h, nul)).status).toBe(200);
    expect((await postWebhook(h, envelope(inbound({ from: '5511966660001', id: 'wamid.NUL2', text: 'normal', timestamp: now() })))).status).toBe(200);
    await runPending(h);
    expect(await textsFrom('+5511966660001')).toEqual(['ab', 'normal']);
    expect(await count(h, `webhook_items WHERE state <> 'done'`)).toBe(0);
  });

  it('parks a delivery that cannot even be split (a hostile 10 kB message id) and applies the next one', async () => {
    // Random, so PostgreSQL cannot compress it under the index entry size limit.
    const hostile = envelope(inbound({ from: '5511966660003', id: `wamid.${randomBytes(7_500).toString('base64')}`, text: 'enorme', timestamp: now() }));
    expect((await postWebhook(h, hostile)).status).toBe(200);
    expect((await postWebhook(h, envelope(inbound({ from: '5511966660003', id: 'wamid.OK3', text: 'depois', timestamp: now() })))).status).toBe(200);
    await runPending(h);
    expect(await textsFrom('+5511966660003')).toEqual(['depois']);
    const admin = await h.login('admin@demo.test');
    const list = await h.api('/api/v1/admin/webhook-failures', { token: admin });
    expect(list.body.items).toContainEqual(expect.objectContaining({ kind: 'delivery', attempts: 0, lastError: expect.any(String) }));
  });

  it('stores a burst holding a delivery that cannot be split, answers each 200, applies the others and parks that one', async () => {
    const hostile = envelope(inbound({ from: '5511966660004', id: `wamid.${randomBytes(7_500).toString('base64')}`, text: 'enorme na rajada', timestamp: now() }));
    const good = Array.from({ length: 6 }, (_, i) => envelope(inbound({ from: '5511966660004', id: `wamid.BURST${i}`, text: `junto ${i}`, timestamp: now() })));
    const answers = await Promise.all([...good.slice(0, 3), hostile, ...good.slice(3)].map((body) => postWebhook(h, body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    await runPending(h);
    expect((await textsFrom('+5511966660004')).sort()).toEqual(['junto 0', 'junto 1', 'junto 2', 'junto 3', 'junto 4', 'junto 5']);
    const admin = await h.login('admin@demo.test');
    const list = await h.api('/api/v1/admin/webhook-failures', { token: admin });
    const parked = list.body.items.filter((i: { kind: string; payload: { eventId: string } }) => i.kind === 'delivery');
    const raws = await h.server.db.query<{ raw: string }>(`SELECT raw FROM webhook_events WHERE id = ANY($1::bigint[])`, [parked.map((p: { payload: { eventId: string } }) => p.payload.eventId)]);
    expect(raws.rows.filter((r) => r.raw.includes('enorme na rajada'))).toHaveLength(1);
  });

  it('retries an item that keeps failing with backoff, parks it, and never holds back the items after it', async () => {
    // An item this version cannot apply (as one stored by another version would be), then a good one.
    const { rows } = await h.server.db.query<{ id: string }>(
      `INSERT INTO webhook_events (provider, body_sha256, raw, received_at) VALUES ('meta', 'poison-test', '{}', $1) RETURNING id::text AS id`,
      [clock.now()],
    );
    await h.server.db.query(
      `INSERT INTO webhook_items (event_id, provider, kind, dedupe_key, payload, state, attempts, next_attempt_at) VALUES ($1, 'meta', 'future', 'future:1', '{"kind":"future"}', 'pending', 0, $2)`,
      [rows[0]!.id, clock.now()],
    );
    await postWebhook(h, envelope(inbound({ from: '5511966660002', id: 'wamid.AFTER1', text: 'depois do veneno', timestamp: now() })));
    await runPending(h);
    expect(await textsFrom('+5511966660002')).toEqual(['depois do veneno']);
    const poison = async () =>
      (await h.server.db.query<{ state: string; attempts: number; last_error: string }>(`SELECT state, attempts, last_error FROM webhook_items WHERE dedupe_key = 'future:1'`)).rows[0]!;
    expect(await poison()).toMatchObject({ state: 'pending', attempts: 1, last_error: expect.stringContaining('future') });
    await runFor(h, 12);
    expect(await poison()).toMatchObject({ state: 'dead', attempts: 12 });

    const admin = await h.login('admin@demo.test');
    const agent = await h.login('agent@demo.test');
    expect((await h.api('/api/v1/admin/webhook-failures', { token: agent })).status).toBe(403);
    const list = await h.api('/api/v1/admin/webhook-failures', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(expect.objectContaining({ kind: 'future', attempts: 12, lastError: expect.stringContaining('future'), payload: { kind: 'future' } }));
  });

  it('lets an administrator replay a parked status once its message exists', async () => {
    const nextWamid = `wamid.TEST${String(graph.delivered.length + 1).padStart(6, '0')}`;
    await postWebhook(h, envelope(status({ id: nextWamid, status: 'delivered', timestamp: now() })));
    await runFor(h, 13);
    // Signed in after the clock moved (access tokens live 15 minutes of server time).
    const admin = await h.login('admin@demo.test');
    const agent = await h.login('agent@demo.test');
    const parked = (await h.api('/api/v1/admin/webhook-failures', { token: admin })).body.items.find((i: { kind: string; payload: { providerMessageId?: string } }) =>
      i.kind === 'status' && i.payload.providerMessageId === nextWamid);
    expect(parked).toMatchObject({ attempts: 12, lastError: expect.stringContaining(nextWamid) });

    // The message is sent afterwards (WhatsApp gives it the id the parked status named).
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text: 'Agora sim' } });
    await runPending(h);
    expect(graph.delivered.at(-1)!.wamid).toBe(nextWamid);

    expect((await h.api(`/api/v1/admin/webhook-failures/${parked.id}/replay`, { token: agent, method: 'POST' })).status).toBe(403);
    expect((await h.api('/api/v1/admin/webhook-failures/999999999/replay', { token: admin, method: 'POST' })).body.code).toBe('NOT_FOUND');
    const replay = await h.api(`/api/v1/admin/webhook-failures/${parked.id}/replay`, { token: admin, method: 'POST' });
    expect(replay.status).toBe(202);
    await runPending(h);
    const messages = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent });
    expect(messages.body.items.find((m: { id: string }) => m.id === sent.body.message.id).status).toBe('delivered');
    const after = await h.api('/api/v1/admin/webhook-failures', { token: admin });
    expect(after.body.items.map((i: { id: string }) => i.id)).not.toContain(parked.id);
  });
}, metaOptions(graph, clock));
