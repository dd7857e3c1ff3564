import type { Db } from './db/db';

/** Every deadline decision takes `now` from here, never from SQL now(). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const OFFSET_KEY = 'sandbox_clock_offset_ms';

/**
 * The sandbox's test clock: real time plus an offset that only moves forward, kept in the
 * database so it survives a restart (like Stripe's test clocks).
 */
export class SandboxClock implements Clock {
  private offsetMs = 0;

  constructor(
    private readonly db: Db,
    private readonly base: Clock = systemClock,
  ) {}

  async load(): Promise<void> {
    const { rows } = await this.db.query<{ value: string }>('SELECT value FROM server_settings WHERE key = $1', [OFFSET_KEY]);
    this.offsetMs = rows[0] ? Number(rows[0].value) : 0;
  }

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  async advance(seconds: number): Promise<Date> {
    const { rows } = await this.db.query<{ value: string }>(
      `INSERT INTO server_settings (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = (server_settings.value::bigint + $2::bigint)::text
       RETURNING value`,
      [OFFSET_KEY, String(seconds * 1000)],
    );
    this.offsetMs = Number(rows[0]!.value);
    return this.now();
  }
}
