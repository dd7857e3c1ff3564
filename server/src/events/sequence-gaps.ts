import type { StoredEvent } from './bus';

/** How long an early event waits for the ones numbered before it. */
export const GAP_WAIT_MS = 2_000;
const RETRY_MS = 100;
/** After a failed read (database unreachable): read again after this long. */
const FAILED_RETRY_MS = 1_000;
const READ_LIMIT = 1000;

export interface SequenceGapsOptions<E extends { seq: number } = StoredEvent> {
  /** The seq already delivered: delivery goes on after it. */
  last: number;
  /** Committed events after `after`, oldest first, leaving out `skip` (held already); at most `limit`. */
  read: (after: number, skip: number[], limit: number) => Promise<E[]>;
  /**
   * Takes the next event in order. False: not as it was read (the receiver needs more of it than
   * the read gave, see EventBus); delivery stops there and the log is read again from it.
   */
  deliver: (event: E) => boolean | void;
  /** After each run of deliveries (all that was in order at that moment): the receiver may pass on what it took as one. */
  flush?: () => void;
  now?: () => number;
  gapWaitMs?: number;
  retryMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Delivers the log strictly in sequence order, for one whole process. Two transactions can commit
 * out of sequence order, and a client that got n+1 would skip n when it resumes after n+1. So a
 * read that finds n+1 but not n holds n+1; the log is read again every RETRY_MS (and on every
 * `poke`) for the missing number, and once the held event has waited GAP_WAIT_MS the missing
 * number is taken for a rolled-back transaction and skipped, so delivery never stalls.
 * Pokes that come while a read runs are folded into one more read. Events this process wrote
 * itself can be `offer`ed after their commit: they take the same way as read ones, without the
 * read (an event that comes both ways is delivered once). What one drain delivers is followed by
 * one `flush`, so the receiver can send it as one.
 */
export class SequenceGaps<E extends { seq: number } = StoredEvent> {
  private lastSeq: number;
  private readonly held = new Map<number, { event: E; since: number }>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly now: () => number;
  private readonly gapWaitMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: SequenceGapsOptions<E>) {
    this.lastSeq = options.last;
    this.now = options.now ?? Date.now;
    this.gapWaitMs = options.gapWaitMs ?? GAP_WAIT_MS;
    this.retryMs = options.retryMs ?? RETRY_MS;
  }

  /** The highest seq delivered (or skipped past). */
  get last(): number {
    return this.lastSeq;
  }

  /** Whether events are held waiting for a lower number. */
  get waiting(): boolean {
    return this.held.size > 0;
  }

  /** Reads the log once more (or once after the running read) and delivers what is in order. */
  poke(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => (this.running = null));
    return this.running;
  }

  /**
   * Committed events already at hand (their writer's own): delivered now where they are next in
   * order, else held like read ones, under the same gap rules.
   */
  offer(events: readonly E[]): void {
    if (this.stopped) return;
    this.hold(events);
    this.drain();
    if (this.held.size) this.arm(this.retryMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held.clear();
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      let failed = false;
      try {
        const events = await this.options.read(this.lastSeq, [...this.held.keys()], READ_LIMIT);
        if (events.length === READ_LIMIT) this.again = true;
        this.hold(events);
      } catch (error) {
        failed = true;
        this.options.onError?.(error);
      }
      if (this.stopped) return;
      this.drain();
      if (failed) this.arm(Math.max(this.retryMs, FAILED_RETRY_MS));
      else if (this.held.size) this.arm(this.retryMs);
    } while (this.again && !this.stopped);
  }

  private hold(events: readonly E[]): void {
    const since = this.now();
    for (const event of events) if (event.seq > this.lastSeq && !this.held.has(event.seq)) this.held.set(event.seq, { event, since });
  }

  private drain(): void {
    const start = this.lastSeq;
    try {
      for (;;) {
        for (let next = this.held.get(this.lastSeq + 1); next; next = this.held.get(this.lastSeq + 1)) if (!this.send(next.event)) return;
        if (this.held.size === 0) return;
        const lowest = Math.min(...this.held.keys());
        if (this.now() - this.held.get(lowest)!.since < this.gapWaitMs) return;
        // The numbers before `lowest` never committed in time: skip them.
        if (!this.send(this.held.get(lowest)!.event)) return;
      }
    } finally {
      if (this.lastSeq !== start) this.options.flush?.();
    }
  }

  private send(event: E): boolean {
    const before = this.lastSeq;
    this.held.delete(event.seq);
    this.lastSeq = event.seq;
    if (this.options.deliver(event) !== false) return true;
    // Refused as read: what is held goes (the log has it all) and is read again from here.
    this.lastSeq = before;
    this.held.clear();
    void this.poke();
    return false;
  }

  private arm(delayMs: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.poke();
    }, delayMs);
    this.timer.unref?.();
  }
}
