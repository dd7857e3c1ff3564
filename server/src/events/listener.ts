import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';

const CHECK_MS = 2_000;
const CHECK_PREFIX = 'check:';

export interface NotifyListenerOptions {
  /** How often the LISTEN connection proves it still hears (0: never checked). */
  checkMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * The LISTEN connection of an instance on PostgreSQL: hands each NOTIFY payload of the channel to
 * `heard`. A LISTEN connection can die without a word (server restart, network): every interval
 * it sends itself a NOTIFY; when the previous one never came back it listens on a new connection
 * and calls `relistened`, so that the log is read for what was missed meanwhile.
 */
export class NotifyListener {
  private stopListening: (() => Promise<void>) | null = null;
  private checkTimer: NodeJS.Timeout | null = null;
  private unheardCheck: string | null = null;
  private broken = false;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly channel: string,
    private readonly heard: (payload: string) => void,
    private readonly relistened: () => void,
    private readonly options: NotifyListenerOptions = {},
  ) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(this.channel, this.onPayload);
    if (this.options.checkMs !== 0) this.scheduleCheck();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.checkTimer) clearTimeout(this.checkTimer);
    await this.stopListening?.();
  }

  private readonly onPayload = (payload: string): void => {
    if (!payload.startsWith(CHECK_PREFIX)) return this.heard(payload);
    if (payload === this.unheardCheck) this.unheardCheck = null;
  };

  private scheduleCheck(): void {
    this.checkTimer = setTimeout(() => {
      void this.check().finally(() => {
        if (!this.stopped) this.scheduleCheck();
      });
    }, this.options.checkMs ?? CHECK_MS);
    this.checkTimer.unref?.();
  }

  private async check(): Promise<void> {
    if (this.unheardCheck !== null || this.broken) await this.relisten();
    if (this.stopped) return;
    const check = `${CHECK_PREFIX}${randomUUID()}`;
    this.unheardCheck = check;
    try {
      await this.db.notify(this.channel, check);
    } catch (error) {
      this.unheardCheck = null;
      this.broken = true;
      this.options.onError?.(error);
    }
  }

  private async relisten(): Promise<void> {
    this.unheardCheck = null;
    try {
      const stop = await this.db.listen(this.channel, this.onPayload);
      const old = this.stopListening;
      this.stopListening = stop;
      this.broken = false;
      await old?.();
      if (this.stopped) await stop();
      else this.relistened();
    } catch (error) {
      this.broken = true;
      this.options.onError?.(error);
    }
  }
}
