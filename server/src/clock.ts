import type { Db } from './db/db';
import { addToSetting, readSetting, schemaChannel } from './repo/settings';

/** Every deadline decision takes `now` from here, never from SQL now(). */
export interface Clock {
  now(): Date;
}

/** Production time. */
export const systemClock: Clock = { now: () => new Date() };

const OFFSET_KEY = 'sandbox_clock_offset_ms';
const CHANNEL = 'zapdesk_test_clock';
const REREAD_MS = 5_000;

/**
 * The sandbox's test clock (like Stripe's test clocks): real time plus an offset that only moves
 * forward. The offset lives in the database, so it survives a restart and every server instance
 * on the database shares it: a move on one instance reaches the others through NOTIFY at once, and
 * a re-read every few seconds catches a notification lost with a dropped connection.
 */
export class TestClock implements Clock {
  private offsetMs = 0;
  private stopListening: (() => Promise<void>) | null = null;
  private channel: string | null = null;
  private reread: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly base: Clock = systemClock,
  ) {}

  /** Reads the offset and follows moves made by other instances until `stop`. */
  async start(): Promise<void> {
    if (this.db.kind === 'pg') {
      this.channel = await schemaChannel(this.db, CHANNEL);
      this.stopListening = await this.db.listen(this.channel, (payload) => this.follow(Number(payload)));
    }
    await this.load();
    this.reread = setInterval(() => void this.load().catch(() => undefined), REREAD_MS).unref();
  }

  async stop(): Promise<void> {
    if (this.reread) clearInterval(this.reread);
    await this.stopListening?.();
  }

  async load(): Promise<void> {
    this.follow(Number((await readSetting(this.db, OFFSET_KEY)) ?? 0));
  }

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  async advance(seconds: number): Promise<Date> {
    const offset = Number(await addToSetting(this.db, OFFSET_KEY, seconds * 1000));
    this.follow(offset);
    if (this.channel) await this.db.notify(this.channel, String(offset));
    return this.now();
  }

  /** The offset only moves forward, whatever order the announcements arrive in. */
  private follow(offsetMs: number): void {
    if (Number.isFinite(offsetMs) && offsetMs > this.offsetMs) this.offsetMs = offsetMs;
  }
}
