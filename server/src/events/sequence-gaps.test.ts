import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StoredEvent } from './bus';
import { GAP_WAIT_MS, SequenceGaps } from './sequence-gaps';

const event = (seq: number): StoredEvent => ({ seq, body: { type: 'message.updated' } as StoredEvent['body'] });

describe('sending events strictly in sequence', () => {
  let sent: number[];
  let committed: StoredEvent[];
  let gaps: SequenceGaps;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    committed = [];
    let last = 10;
    gaps = new SequenceGaps(
      () => last,
      (e) => {
        last = e.seq;
        sent.push(e.seq);
      },
      async () => committed.filter((e) => e.seq > last),
      () => Date.now(),
    );
  });

  afterEach(() => {
    gaps.stop();
    vi.useRealTimers();
  });

  it('passes events that come in order straight through, once', () => {
    gaps.offer(event(11));
    gaps.offer(event(12));
    gaps.offer(event(12));
    expect(sent).toEqual([11, 12]);
  });

  it('holds an early event until the one before it commits, then sends both in order', async () => {
    gaps.offer(event(12));
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(sent).toEqual([]);
    committed.push(event(11), event(12)); // the slower transaction commits
    await vi.advanceTimersByTimeAsync(150);
    expect(sent).toEqual([11, 12]);
  });

  it('skips a number that never commits (a rolled-back transaction), so the stream never stalls', async () => {
    gaps.offer(event(12));
    gaps.offer(event(13));
    await vi.advanceTimersByTimeAsync(GAP_WAIT_MS - 200);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(sent).toEqual([12, 13]);
  });
});
