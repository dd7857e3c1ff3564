import type { StoredEvent } from './bus';

/** How long an early event waits for the ones numbered before it. */
export const GAP_WAIT_MS = 2_000;
const RETRY_MS = 100;

/**
 * Delivers events to one client strictly in sequence order. An event that arrives before the
 * ones numbered before it is held; the log is re-read every RETRY_MS for the missing ones (they
 * commit a moment later), and after GAP_WAIT_MS a number still missing is taken for a rolled-back
 * transaction and skipped, so the stream never stalls.
 */
export class SequenceGaps {
  private readonly held = new Map<number, StoredEvent>();
  private timer: NodeJS.Timeout | null = null;
  private gapSince: number | null = null;
  private stopped = false;

  constructor(
    private readonly lastSent: () => number,
    private readonly send: (event: StoredEvent) => void,
    /** Committed events after lastSent(), oldest first. */
    private readonly reread: () => Promise<StoredEvent[]>,
    private readonly now: () => number = Date.now,
  ) {}

  offer(event: StoredEvent): void {
    if (this.stopped || event.seq <= this.lastSent()) return;
    this.held.set(event.seq, event);
    this.drain();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.held.clear();
  }

  private drain(): void {
    for (let next = this.held.get(this.lastSent() + 1); next; next = this.held.get(this.lastSent() + 1)) {
      this.held.delete(next.seq);
      this.send(next);
    }
    for (const seq of this.held.keys()) if (seq <= this.lastSent()) this.held.delete(seq);
    if (this.held.size === 0) {
      this.gapSince = null;
      return;
    }
    this.gapSince ??= this.now();
    this.timer ??= setTimeout(() => void this.fill(), RETRY_MS);
  }

  private async fill(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    try {
      for (const event of await this.reread()) if (event.seq > this.lastSent()) this.held.set(event.seq, event);
    } catch {
      // The next retry reads again; after GAP_WAIT_MS the held events go out anyway.
    }
    if (this.stopped) return;
    if (this.held.size && !this.held.has(this.lastSent() + 1) && this.gapSince !== null && this.now() - this.gapSince >= GAP_WAIT_MS) {
      // Skip the missing numbers: deliver from the lowest held event on.
      const lowest = Math.min(...this.held.keys());
      const event = this.held.get(lowest)!;
      this.held.delete(lowest);
      this.gapSince = null;
      this.send(event);
    }
    this.drain();
  }
}
