import type { Clock } from '../clock';
import type { ConversationService } from './conversations';

/**
 * Enforces deadlines: waiting conversations past their auto-close time close as `no_reply`, open
 * ones past their window as `window_expired`. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several server instances never close the same conversation twice, and since deadlines live in
 * the database a restart loses none.
 */
export class DeadlineSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly conversations: ConversationService,
    private readonly clock: Clock,
    private readonly batchSize = 50,
  ) {}

  start(intervalMs = 5_000): void {
    this.timer ??= setInterval(() => void this.runOnce().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Closes everything due now; returns how many conversations it closed. */
  runOnce(): Promise<number> {
    const run = this.sweep();
    this.running = run;
    return run;
  }

  private async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const closed = await this.conversations.withEvents(async (tx, emit) => {
        const now = this.clock.now();
        const { rows } = await tx.query<{ id: string; state: 'waiting' | 'open' }>(
          `SELECT id, state FROM conversations
           WHERE (state = 'waiting' AND auto_close_at <= $1) OR (state = 'open' AND window_expires_at <= $1)
           ORDER BY COALESCE(auto_close_at, window_expires_at) LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [now, this.batchSize],
        );
        for (const row of rows) {
          await this.conversations.close(tx, row.id, row.state === 'waiting' ? 'no_reply' : 'window_expired', null, emit);
        }
        return rows.length;
      });
      total += closed;
      if (closed < this.batchSize) return total;
    }
  }
}
