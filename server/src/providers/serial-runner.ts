/**
 * Runs one background pass at a time. A call while a pass runs queues one more pass after it
 * (so work that arrived meanwhile is seen); calls while that pass waits share it.
 */
export class SerialRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private queued: Promise<number> | null = null;

  run(task: () => Promise<number>): Promise<number> {
    if (this.queued) return this.queued;
    const next = this.tail
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return task();
      });
    this.queued = next;
    this.tail = next;
    return next;
  }

  /** Resolves once no pass is running or queued. */
  async idle(): Promise<void> {
    for (let tail = this.tail; ; tail = this.tail) {
      await tail.catch(() => undefined);
      if (tail === this.tail) return;
    }
  }
}

/** Exponential backoff, 4^n seconds (Meta's suggestion for pair rate limits), capped. */
export function backoffMs(attempt: number, capMs = 15 * 60_000): number {
  return Math.min(4 ** Math.max(0, attempt - 1) * 1000, capMs);
}
