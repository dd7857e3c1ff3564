import { expect, it } from 'vitest';
import { claimDueItems, storeWebhooks } from '../src/repo/webhooks';
import { describeOnEachDatabase, type Harness } from './harness';
import { eventually, openStream } from './sse-stream';

describeOnEachDatabase('several server instances on one database', (h: Harness) => {
  let admin: string | undefined;
  const customer = async (from: string, text: string) => {
    admin ??= await h.login('admin@demo.test'); // once: sign-ins are rate limited
    const { status } = await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from, text } });
    expect(status).toBe(201);
  };
  const siblingUrl = async () => {
    const sibling = await h.sibling();
    return sibling.listen(0);
  };

  it('streams an event committed on one instance to the clients of another', async (context) => {
    // PGlite is one process: there is no second instance to reach.
    if (h.server.db.kind !== 'pg') return context.skip();
    const stream = await openStream(await siblingUrl(), await h.login('agent@demo.test'));
    await customer('+5511977770001', 'written on the first instance');
    await eventually(() => stream.texts().length > 0);
    stream.close();
    expect(stream.texts()).toEqual(['written on the first instance']);
    expect(stream.frames[0]!.data.id).toBe(String(stream.frames[0]!.id));
  });

  it('keeps streaming across instances after the LISTEN connections were cut', { timeout: 60_000 }, async (context) => {
    // PGlite is one process: it has no LISTEN connection.
    if (h.server.db.kind !== 'pg') return context.skip();
    const stream = await openStream(await siblingUrl(), await h.login('agent@demo.test'));
    const { rows } = await h.server.db.query<{ cut: boolean }>(
      `SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE query = format('LISTEN %I', 'zapdesk_events.' || current_schema())`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2); // both instances' listeners
    await customer('+5511977770002', 'after the cut');
    await eventually(() => stream.texts().length > 0);
    stream.close();
    expect(stream.texts()).toEqual(['after the cut']);
  });

  it('gives 50 clients of one instance the same events, in sequence order, each exactly once', async () => {
    const token = await h.login('agent@demo.test');
    const streams = await Promise.all(Array.from({ length: 50 }, () => openStream(h.url, token)));
    const texts = Array.from({ length: 10 }, (_, i) => `burst ${i}`);
    // Different numbers at once: on PostgreSQL their transactions commit in any order.
    await Promise.all(texts.map((text, i) => customer(`+55119666600${String(i).padStart(2, '0')}`, text)));
    await eventually(() => streams.every((s) => texts.every((t) => s.texts().includes(t))));
    for (const s of streams) s.close();

    const burst = (s: (typeof streams)[number]) => s.frames.filter((f) => f.id <= lastText).map((f) => f.id);
    const lastText = Math.max(...streams[0]!.frames.filter((f) => texts.includes(f.data.message?.text ?? '')).map((f) => f.id));
    const ids = burst(streams[0]!);
    const { rows } = await h.server.db.query<{ seq: string }>('SELECT seq::text AS seq FROM events WHERE seq >= $1 AND seq <= $2 ORDER BY events.seq', [ids[0], lastText]);
    // Every committed event of the burst, in order, none twice, none missing.
    expect(ids).toEqual(rows.map((r) => Number(r.seq)));
    expect([...streams[0]!.texts()].sort()).toEqual([...texts].sort());
    for (const s of streams) expect(burst(s)).toEqual(ids);
  });

  it('applies the webhook items about one message in the order they came, whichever instance claims them', async (context) => {
    // PGlite is one process: its transactions never overlap.
    if (h.server.db.kind !== 'pg') return context.skip();
    const status = (id: string, state: string) => ({ kind: 'status', dedupeKey: `status:${id}:${state}`, payload: { kind: 'status', providerMessageId: id, status: state } });
    const now = new Date();
    await storeWebhooks(h.server.db, 'order-test', ['{"order":1}'], now, [[status('wamid.M', 'read'), status('wamid.N', 'delivered'), status('wamid.M', 'failed')]]);
    const claim = (limit: number) => (tx: Parameters<typeof claimDueItems>[0]) =>
      claimDueItems<{ providerMessageId: string; status: string }>(tx, 'order-test', now, limit).then((items) => items.map((i) => `${i.payload.providerMessageId} ${i.payload.status}`));

    // One worker holds M's first item (READ) in its transaction; another claims meanwhile.
    let release!: () => void;
    let held!: (items: string[]) => void;
    const holding = new Promise<string[]>((resolve) => (held = resolve));
    const first = h.server.db.transaction(async (tx) => {
      held(await claim(1)(tx));
      await new Promise<void>((resolve) => (release = resolve));
      throw new Error('rolled back: the item stays pending');
    }).catch((error: Error) => error.message);
    expect(await holding).toEqual(['wamid.M read']);
    // M's later item (a failure, which must not be applied before READ) waits; N's does not.
    expect(await h.server.db.transaction(claim(10))).toEqual(['wamid.N delivered']);
    release();
    expect(await first).toMatch(/rolled back/);
    expect(await h.server.db.transaction(claim(10))).toEqual(['wamid.M read', 'wamid.M failed']);
  });
});
