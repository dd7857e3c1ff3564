import { EventEmitter } from 'node:events';
import type { ServerEvent } from '../../../shared/api/events';
import type { Clock } from '../clock';
import type { Db, Queryable } from '../db/db';

/** An event as stored: the ServerEvent without its `id` and `serverTime`, added when sent. */
export type EventBody = ServerEvent extends infer E ? (E extends ServerEvent ? Omit<E, 'id' | 'serverTime'> : never) : never;

export interface StoredEvent {
  seq: number;
  body: EventBody;
}

const CHANNEL = 'zapdesk_events';

/**
 * The event log: events are written in the same transaction as the change they describe, and
 * announced after commit. With PostgreSQL every instance hears every other through LISTEN/NOTIFY;
 * with PGlite there is one process and the announcement stays in it.
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private stopListening: (() => Promise<void>) | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.emitter.setMaxListeners(0);
  }

  async start(): Promise<void> {
    if (this.db.kind === 'pg') {
      this.stopListening = await this.db.listen(CHANNEL, (payload) => void this.deliver(Number(payload)));
    }
  }

  async stop(): Promise<void> {
    await this.stopListening?.();
  }

  /** Writes the event inside the caller's transaction; call `announce` with the result after commit. */
  async append(tx: Queryable, body: EventBody): Promise<number> {
    const { rows } = await tx.query<{ seq: string }>(
      'INSERT INTO events (type, payload, created_at) VALUES ($1, $2, $3) RETURNING seq::text AS seq',
      [body.type, JSON.stringify(body), this.clock.now()],
    );
    return Number(rows[0]!.seq);
  }

  async announce(seqs: number[]): Promise<void> {
    for (const seq of seqs) {
      if (this.db.kind === 'pg') await this.db.notify(CHANNEL, String(seq));
      else await this.deliver(seq);
    }
  }

  /** Events after `seq`, oldest first, for a client resuming with Last-Event-ID. */
  async since(seq: number, limit = 1000): Promise<StoredEvent[]> {
    const { rows } = await this.db.query<{ seq: string; payload: EventBody | string }>(
      'SELECT seq::text AS seq, payload FROM events WHERE seq > $1 ORDER BY seq ASC LIMIT $2',
      [seq, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), body: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload }));
  }

  async latestSeq(): Promise<number> {
    const { rows } = await this.db.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM events');
    return Number(rows[0]?.seq ?? 0);
  }

  subscribe(listener: (event: StoredEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  private async deliver(seq: number): Promise<void> {
    const [event] = await this.since(seq - 1, 1);
    if (event && event.seq === seq) this.emitter.emit('event', event);
  }
}
