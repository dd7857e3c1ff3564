import { expect, it } from 'vitest';
import { DeadlineSweeper } from '../src/domain/sweeper';
import { silentLog } from '../src/log';
import { EventBus } from '../src/events/bus';
import { readEvents as storedEvents } from '../src/repo/events';
import { describeOnEachDatabase, type Harness } from './harness';

interface Frame {
  id?: string;
  event?: string;
  data?: string;
}

/** Reads SSE frames from a real HTTP connection until `count` events arrived, then drops it. */
async function readEvents(h: Harness, token: string, count: number, lastEventId?: string, during?: () => Promise<void>): Promise<Frame[]> {
  const controller = new AbortController();
  const response = await fetch(`${h.url}/api/v1/events`, {
    signal: controller.signal,
    headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
  });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const frames: Frame[] = [];
  let buffer = '';
  const work = during?.();
  while (frames.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const frame: Frame = {};
      for (const line of block.split('\n')) {
        const [key, ...rest] = line.split(': ');
        if (key === 'id' || key === 'event' || key === 'data') frame[key] = rest.join(': ');
      }
      if (frame.event) frames.push(frame);
    }
  }
  await work;
  controller.abort();
  return frames;
}

describeOnEachDatabase('server-sent events', (h) => {
  const customer = async (text: string) =>
    h.api('/api/v1/sandbox/customer-messages', { token: await h.login('admin@demo.test'), body: { from: '+5511999990001', text } });

  it('streams live events, and a dropped client resumes with Last-Event-ID without gaps or repeats', async () => {
    const token = await h.login('agent@demo.test');
    const live = await readEvents(h, token, 1, undefined, async () => {
      await new Promise((r) => setTimeout(r, 200));
      await customer('first');
    });
    expect(live[0]!.event).toBe('message.created');
    const first = JSON.parse(live[0]!.data!);
    expect(first).toMatchObject({ type: 'message.created', id: live[0]!.id, message: { text: 'first', direction: 'inbound' }, conversation: { contact: { name: 'Bruno Costa' } } });
    expect(Date.parse(first.serverTime)).not.toBeNaN();

    // While the client is away, two more messages arrive.
    await customer('second');
    await customer('third');
    const resumed = await readEvents(h, token, 2, live[0]!.id);
    expect(resumed.map((f) => JSON.parse(f.data!).message.text)).toEqual(['second', 'third']);
    expect(Number(resumed[0]!.id)).toBeGreaterThan(Number(live[0]!.id));
  });

  it('sends events in sequence order even when their transactions commit out of order', async (context) => {
    // PGlite runs one transaction at a time: only PostgreSQL can commit out of order.
    if (h.server.db.kind !== 'pg') return context.skip();
    const token = await h.login('agent@demo.test');
    const conversation = (await h.api('/api/v1/conversations', { token })).body.items[0];
    const bus = new EventBus(h.server.db, h.server.clock);
    const body = { type: 'conversation.updated' as const, conversation };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let first = 0;
    let second = 0;
    const frames = await readEvents(h, token, 2, undefined, async () => {
      await new Promise((r) => setTimeout(r, 200));
      const slow = h.server.db.transaction(async (tx) => {
        first = await bus.append(tx, body);
        await gate; // holds its sequence number, uncommitted
      });
      while (!first) await new Promise((r) => setTimeout(r, 10));
      second = await h.server.db.transaction((tx) => bus.append(tx, body));
      await bus.announce([second]); // committed and announced first
      await new Promise((r) => setTimeout(r, 300));
      release();
      await slow;
      await bus.announce([first]);
    });
    expect(second).toBeGreaterThan(first);
    expect(frames.map((f) => Number(f.id))).toEqual([first, second]);
  });

  it('refuses the stream without a token', async () => {
    const response = await fetch(`${h.url}/api/v1/events`);
    expect(response.status).toBe(401);
  });

  it('closes each due conversation exactly once even with two sweepers at work', async () => {
    const admin = await h.login('admin@demo.test');
    // Several open conversations whose windows will expire together.
    for (const phone of ['+5511900000001', '+5511900000002', '+5511900000003', '+5511900000004']) {
      await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: phone, text: 'oi' } });
    }
    const other = h.server.db.kind === 'pg' ? await h.sibling() : h.server;
    await h.server.sandboxClock!.advance(25 * 3600);
    await other.sandboxClock!.load();
    // Small batches, so the two sweepers really interleave.
    const [a, b] = await Promise.all([
      new DeadlineSweeper(h.server.conversations, silentLog, 2).runOnce(),
      new DeadlineSweeper(other.conversations, silentLog, 2).runOnce(),
    ]);
    // Each close writes one conversation.updated event saying closed: a second close would show.
    const closes = (await storedEvents(h.server.db, 0, { limit: 100_000 }))
      .flatMap((e) => (e.body.type === 'conversation.updated' && e.body.conversation.state === 'closed' ? [e.body.conversation.id] : []));
    expect(closes.length).toBeGreaterThanOrEqual(4);
    expect(new Set(closes).size).toBe(closes.length);
    const stillOpen = await h.server.db.query(`SELECT 1 FROM conversations WHERE state = 'open'`);
    expect(stillOpen.rows).toHaveLength(0);
    expect(a + b).toBeGreaterThanOrEqual(4);
  });

  it('closes everything due in one pass, batch after full batch', async () => {
    const admin = await h.login('admin@demo.test');
    for (const phone of ['+5511900000011', '+5511900000012', '+5511900000013', '+5511900000014', '+5511900000015']) {
      await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: phone, text: 'oi' } });
    }
    await h.server.sandboxClock!.advance(25 * 3600);
    const sweeper = new DeadlineSweeper(h.server.conversations, silentLog, 2);
    expect(await sweeper.runOnce()).toBeGreaterThanOrEqual(5);
    const stillOpen = await h.server.db.query(`SELECT 1 FROM conversations WHERE state = 'open'`);
    expect(stillOpen.rows).toHaveLength(0);
    expect(await sweeper.runOnce()).toBe(0);
  });
});
