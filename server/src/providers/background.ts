/**
 * The background passes of a provider that talks to the network (Meta, Zenvia): a pass now when
 * work arrives (`kick`), a webhook pass a moment after a webhook so a burst is taken as one batch
 * (`kickSoon`), passes on timers, and a stop that waits for the passes in flight.
 */
import type { ProviderLog } from './types';

/** How long a webhook waits for others of its burst before the worker runs. */
const WEBHOOK_GATHER_MS = 20;

export class BackgroundWork {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;
  private soon: NodeJS.Timeout | null = null;

  constructor(
    private readonly pass: () => Promise<void>,
    private readonly log: ProviderLog,
    /** What a webhook calls for: only the work webhooks bring (a burst of them must not run every other queue's claim too). */
    private readonly webhookPass: () => Promise<void> = pass,
  ) {}

  get stopping(): boolean {
    return this.stopped;
  }

  /** Runs `task` every `ms` milliseconds (`fallback` when not given; 0: never). */
  every(ms: number | undefined, fallback: number, task: () => void): void {
    const interval = ms ?? fallback;
    if (interval > 0 && !this.stopped) this.timers.push(setInterval(task, interval).unref());
  }

  /** A pass now, without waiting for it. */
  kick(): void {
    this.start(this.pass);
  }

  private start(pass: () => Promise<void>): void {
    if (this.stopped) return;
    this.track(pass().catch((error: unknown) => this.log.warn(`background work failed: ${(error as Error).message}`)));
  }

  /** Webhooks come in bursts: one webhook pass a moment after the first takes the whole burst as one batch. */
  kickSoon(): void {
    if (this.soon || this.stopped) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.start(this.webhookPass);
    }, WEBHOOK_GATHER_MS);
  }

  /** Other background work `stop` must wait for. */
  track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** No more passes; resolves once those in flight are done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.soon) clearTimeout(this.soon);
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all([...this.inFlight]);
  }
}
