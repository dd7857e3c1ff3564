/** Time for the deadline engine: injected, so tests drive it with a fake clock and no sleeps. */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Changes smaller than this are network jitter, not a different server clock. */
const SKEW_TOLERANCE_MS = 2_000;

/**
 * How far the server's clock is ahead of ours. Deadlines are the server's absolute times; a
 * timer is armed on our clock at `deadline - skew`. In sandbox mode the server's clock can jump
 * by hours, so the newest observation wins.
 */
export class ServerClock {
  private skewMs = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly timers: Timers) {}

  /** Records the server time seen in a response or event; listeners hear of real changes. */
  observe(serverTime: string | number): void {
    const server = typeof serverTime === 'number' ? serverTime : Date.parse(serverTime);
    if (!Number.isFinite(server)) return;
    const skew = server - this.timers.now();
    if (Math.abs(skew - this.skewMs) < SKEW_TOLERANCE_MS) return;
    this.skewMs = skew;
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The server's "now", estimated on our clock. */
  now(): number {
    return this.timers.now() + this.skewMs;
  }

  /** Our clock's time for a server time. */
  toLocal(serverMs: number): number {
    return serverMs - this.skewMs;
  }
}
