import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from './bus';
import { GAP_WAIT_MS, SequenceGaps } from './sequence-gaps';

const event = (seq: number): StoredEvent => ({ seq, body: { type: 'message.updated' } as StoredEvent['body'] });

describe('delivering the log strictly in sequence', () => {
  let sent: number[];
  let committed: StoredEvent[];
  let reads: number;
  let gaps: SequenceGaps;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    committed = [];
    reads = 0;
    gaps = new SequenceGaps({
      last: 10,
      read: async (after, skip, limit) => {
        reads++;
        return committed.filter((e) => e.seq > after && !skip.includes(e.seq)).slice(0, limit);
      },
      deliver: (e) => void sent.push(e.seq),
      now: () => Date.now(),
    });
  });

  afterEach(() => {
    gaps.stop();
    vi.useRealTimers();
  });

  it('delivers committed events in order, each once, however often it is poked', async () => {
    committed.push(event(11), event(12));
    await Promise.all([gaps.poke(), gaps.poke(), gaps.poke()]);
    await gaps.poke();
    expect(sent).toEqual([11, 12]);
    expect(gaps.last).toBe(12);
  });

  it('folds the pokes that come during a read into one more read', async () => {
    committed.push(event(11));
    const pokes = Array.from({ length: 50 }, () => gaps.poke());
    await Promise.all(pokes);
    expect(reads).toBe(2);
    expect(sent).toEqual([11]);
  });

  it('holds an early event until the one before it commits, then sends both in order', async () => {
    committed.push(event(12));
    await gaps.poke();
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toEqual([]);
    committed.push(event(11)); // the slower transaction commits
    await vi.advanceTimersByTimeAsync(150);
    expect(sent).toEqual([11, 12]);
  });

  it('skips a number that never commits (a rolled-back transaction), so delivery never stalls', async () => {
    committed.push(event(12), event(13));
    await gaps.poke();
    await vi.advanceTimersByTimeAsync(GAP_WAIT_MS - 200);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual([12, 13]);
    committed.push(event(11)); // too late: the stream went on past it
    committed.push(event(14));
    await gaps.poke();
    expect(sent).toEqual([12, 13, 14]);
  });

  it('delivers an offered event that is next in order at once, without a read, and once', async () => {
    committed.push(event(11));
    gaps.offer([event(11)]);
    expect(sent).toEqual([11]);
    expect(reads).toBe(0);
    await gaps.poke(); // the read that the commit's NOTIFY brings finds it again
    expect(sent).toEqual([11]);
  });

  it('holds an offered event until the one before it commits, then sends both in order, each once', async () => {
    committed.push(event(12));
    gaps.offer([event(12)]);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toEqual([]);
    committed.push(event(11));
    gaps.offer([event(11)]);
    await gaps.poke();
    expect(sent).toEqual([11, 12]);
  });

  it('follows each run of deliveries with one flush, once the events in order at that moment are delivered', async () => {
    const log: string[] = [];
    const batches = new SequenceGaps({
      last: 10,
      read: async () => [event(13), event(14), event(16)],
      deliver: (e) => void log.push(`deliver ${e.seq}`),
      flush: () => void log.push('flush'),
      now: () => Date.now(),
    });
    batches.offer([event(12)]); // early: held, nothing delivered, nothing flushed
    expect(log).toEqual([]);
    batches.offer([event(11)]);
    expect(log).toEqual(['deliver 11', 'deliver 12', 'flush']);
    await batches.poke();
    expect(log).toEqual(['deliver 11', 'deliver 12', 'flush', 'deliver 13', 'deliver 14', 'flush']);
    batches.stop();
  });

  it('offers what a read already delivered without sending it again', async () => {
    committed.push(event(11), event(12));
    await gaps.poke();
    gaps.offer([event(12), event(11)]);
    expect(sent).toEqual([11, 12]);
  });

  it('skips past an offered event whose predecessor never commits, under the same wait as read ones', async () => {
    gaps.offer([event(12)]);
    await vi.advanceTimersByTimeAsync(GAP_WAIT_MS - 200);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual([12]);
  });

  it('reads the log again from an event its receiver refused as read, and delivers it then, in order, once', async () => {
    const got: number[] = [];
    let refused = false;
    const picky = new SequenceGaps({
      last: 10,
      read: async (after, skip, limit) => {
        reads++;
        return committed.filter((e) => e.seq > after && !skip.includes(e.seq)).slice(0, limit);
      },
      deliver: (e) => {
        if (e.seq === 12 && !refused) {
          refused = true;
          return false;
        }
        got.push(e.seq);
        return true;
      },
    });
    committed.push(event(11), event(12), event(13));
    await picky.poke();
    picky.stop();
    expect(got).toEqual([11, 12, 13]);
    expect(reads).toBe(2);
    expect(picky.last).toBe(13);
  });

  it('reads again after a failed read', async () => {
    let fail = true;
    const failing = new SequenceGaps({
      last: 0,
      read: async () => {
        if (fail) throw new Error('connection lost');
        return [event(1)];
      },
      deliver: (e) => void sent.push(e.seq),
      onError: () => undefined,
    });
    await failing.poke();
    fail = false;
    await vi.advanceTimersByTimeAsync(1_100);
    failing.stop();
    expect(sent).toEqual([1]);
  });
});
