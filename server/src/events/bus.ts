import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Db, Queryable } from '../db/db';
import { eventChannel, insertEvents, latestEventSeq, readEvents, readEventSeqs, storedBodies, type EventBody, type StoredEvent } from '../repo/events';
import { SequenceGaps } from './sequence-gaps';
import { mayView, type Viewer, type VisibilityRule } from './visibility';

export type { EventBody, StoredEvent } from '../repo/events';
export type { Viewer } from './visibility';

/** An event on its way to the clients, with its SSE frame serialized once for all of them. */
export interface DeliveredEvent extends StoredEvent {
  /** `id: <seq>\nevent: <type>\ndata: <JSON with id and serverTime>\n\n`, UTF-8. */
  frame: Buffer;
}

/** An event as the bus reads the log: without its body while no client listens (nothing to deliver it to). */
type LoggedEvent = StoredEvent | { seq: number; body: null };

/** One client's stream, opened by `EventBus.open`. */
export interface EventStream {
  /** Resolves once the replay is written and the stream is live; rejects when the replay failed. */
  ready: Promise<void>;
  close(): void;
}

export interface EventBusOptions {
  /** Which events a viewer's stream carries (default: `mayView`). */
  canSee?: VisibilityRule;
  gapWaitMs?: number;
  retryMs?: number;
  /** PostgreSQL: how often the LISTEN connection proves it still hears (0: never checked). */
  listenCheckMs?: number;
  /** Background failures (a read of the log, the LISTEN connection). */
  onError?: (error: unknown) => void;
}

const LISTEN_CHECK_MS = 2_000;
const CHECK_PREFIX = 'check:';

/**
 * The event log and its fan-out. Events are written in the transaction of the change they
 * describe; on PostgreSQL the same statement queues a NOTIFY, delivered at commit to every
 * instance (LISTEN). With PGlite there is one process: `announce` after commit wakes the bus.
 * Each instance reads the log once per batch of announcements, delivers it strictly in sequence
 * order (SequenceGaps) and serializes each event once; clients only filter and write the frame.
 * The instance that wrote an event already holds it: `announce` hands it to SequenceGaps, which
 * delivers it without reading it back when it is next in order (other instances read it). While
 * no client listens, only the seqs are read: the bus keeps its place in the log, nothing more.
 */
export class EventBus {
  private readonly clients = new Set<(event: DeliveredEvent) => void>();
  private readonly canSee: VisibilityRule;
  /** Events this instance appended while it had clients, by seq, until announced or passed. */
  private readonly written = new Map<number, EventBody>();
  private gaps: SequenceGaps<LoggedEvent> | null = null;
  private heardWhileStarting = false;
  private channel = '';
  private stopListening: (() => Promise<void>) | null = null;
  private checkTimer: NodeJS.Timeout | null = null;
  private unheardCheck: string | null = null;
  private listenBroken = false;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly options: EventBusOptions = {},
  ) {
    this.canSee = options.canSee ?? mayView;
  }

  async start(): Promise<void> {
    if (this.db.kind === 'pg') {
      this.channel = await eventChannel(this.db);
      this.stopListening = await this.db.listen(this.channel, this.heard);
    }
    // Listening before reading the end of the log: nothing committed in between is missed.
    this.gaps = new SequenceGaps<LoggedEvent>({
      last: await latestEventSeq(this.db),
      read: async (after, skip, limit) =>
        this.clients.size ? readEvents(this.db, after, { skip, limit }) : (await readEventSeqs(this.db, after, { skip, limit })).map((seq) => ({ seq, body: null })),
      deliver: (event) => this.fanOut(event),
      gapWaitMs: this.options.gapWaitMs,
      retryMs: this.options.retryMs,
      onError: this.options.onError,
    });
    if (this.heardWhileStarting) void this.gaps.poke();
    if (this.db.kind === 'pg' && this.options.listenCheckMs !== 0) this.scheduleListenCheck();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.checkTimer) clearTimeout(this.checkTimer);
    this.gaps?.stop();
    this.clients.clear();
    this.written.clear();
    await this.stopListening?.();
  }

  /** Writes the event inside the caller's transaction; call `announce` with the result after commit. */
  async append(tx: Queryable, body: EventBody): Promise<number> {
    return (await this.appendMany(tx, [body]))[0]!;
  }

  /** Whether a statement writing events also queues their NOTIFY (PostgreSQL; PGlite has one instance). */
  get notifies(): boolean {
    return this.db.kind === 'pg';
  }

  /** Writes the events in one statement inside the caller's transaction; seqs in input order. */
  async appendMany(tx: Queryable, bodies: readonly EventBody[]): Promise<number[]> {
    const seqs = await insertEvents(tx, bodies, this.clock.now(), this.notifies);
    // Kept for `announce` only while clients listen: without them there is nothing to deliver.
    if (this.clients.size) storedBodies(bodies).forEach((body, i) => this.written.set(seqs[i]!, body));
    return seqs;
  }

  /**
   * After commit, with what the transaction wrote: seqs of `append`ed events, or events written
   * elsewhere with their stored bodies. Events at hand are delivered here when next in order; on
   * PostgreSQL the rest comes with the NOTIFY sent at commit, on PGlite this reads the log, and
   * resolves once the events reached the clients.
   */
  async announce(written: readonly (number | StoredEvent)[]): Promise<void> {
    const gaps = this.gaps;
    if (!gaps) return;
    const known: StoredEvent[] = [];
    let highest = 0;
    for (const item of written) {
      const seq = typeof item === 'number' ? item : item.seq;
      highest = Math.max(highest, seq);
      const body = typeof item === 'number' ? this.written.get(item) : item.body;
      this.written.delete(seq);
      if (body) known.push({ seq, body });
    }
    if (known.length) gaps.offer(known);
    if (this.db.kind !== 'pg' && highest > gaps.last) await gaps.poke();
  }

  /** Events after `seq`, oldest first. */
  since(seq: number, limit = 1000): Promise<StoredEvent[]> {
    return readEvents(this.db, seq, { limit });
  }

  latestSeq(): Promise<number> {
    return latestEventSeq(this.db);
  }

  /** The highest seq this instance has delivered to its clients (every lower one is done with). */
  get lastDelivered(): number {
    return this.gaps?.last ?? 0;
  }

  /** Every delivered event, unfiltered, in sequence order. */
  subscribe(listener: (event: DeliveredEvent) => void): () => void {
    this.clients.add(listener);
    return () => this.clients.delete(listener);
  }

  /**
   * A client's stream: with `after` (its Last-Event-ID) first the logged events after it up to
   * `lastDelivered`, then the live ones; no gap, no repeat. Without it (or with an id beyond
   * the end of the log), from now. Only the events `viewer` may see are written.
   */
  open(viewer: Viewer, after: number | null, write: (frame: Buffer) => void): EventStream {
    let last = Infinity; // nothing goes out before the starting point is known
    let live = false;
    let closed = false;
    const pending: DeliveredEvent[] = [];
    const send = (event: DeliveredEvent) => {
      if (closed || event.seq <= last) return;
      last = event.seq;
      if (this.canSee(viewer, event.body)) write(event.frame);
    };
    const listener = (event: DeliveredEvent) => (live ? send(event) : pending.push(event));
    this.clients.add(listener);
    const close = () => {
      closed = true;
      this.clients.delete(listener);
    };
    // Every live event from here on is numbered above `upTo`: the log covers the rest.
    const upTo = this.lastDelivered;
    const ready = (async () => {
      last = after === null ? upTo : await this.resumePoint(after, upTo);
      while (!closed && last < upTo) {
        const batch = await readEvents(this.db, last, { upTo });
        if (batch.length === 0) break;
        for (const event of batch) send(this.prepare(event));
      }
      live = true;
      for (const event of pending.splice(0)) send(event);
    })();
    ready.catch(close);
    return { ready, close };
  }

  private async resumePoint(after: number, upTo: number): Promise<number> {
    if (after <= upTo) return after;
    // Beyond what this instance delivered: fine if the log has it (another instance was faster),
    // else the id is from another database or made up, and the stream starts from now.
    const latest = await latestEventSeq(this.db);
    return after > latest ? latest : after;
  }

  private prepare(event: StoredEvent): DeliveredEvent {
    const data = JSON.stringify({ ...event.body, id: String(event.seq), serverTime: this.clock.now().toISOString() });
    return { ...event, frame: Buffer.from(`id: ${event.seq}\nevent: ${event.body.type}\ndata: ${data}\n\n`) };
  }

  /** False when the event was read without its body and a client came meanwhile: it is read again. */
  private fanOut(event: LoggedEvent): boolean {
    if (event.body === null && this.clients.size) return false;
    this.forgetWritten(event.seq);
    if (this.clients.size === 0 || event.body === null) return true;
    const delivered = this.prepare(event);
    for (const client of this.clients) {
      try {
        client(delivered);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
    return true;
  }

  /** Delivered (or skipped as never committed): kept bodies up to `seq` are done with. */
  private forgetWritten(seq: number): void {
    this.written.delete(seq);
    for (const kept of this.written.keys()) {
      if (kept > seq) return;
      this.written.delete(kept);
    }
  }

  /** A NOTIFY: an event seq (the highest of its statement) or a listen check. */
  private readonly heard = (payload: string): void => {
    if (payload.startsWith(CHECK_PREFIX)) {
      if (payload === this.unheardCheck) this.unheardCheck = null;
      return;
    }
    if (!this.gaps) {
      this.heardWhileStarting = true;
      return;
    }
    const seq = Number(payload);
    if (!(seq <= this.gaps.last) || this.gaps.waiting) void this.gaps.poke();
  };

  /**
   * A LISTEN connection can die without a word (server restart, network). Every interval the bus
   * sends itself a NOTIFY; when the previous one never came back it listens on a new
   * connection and reads the log for what it missed meanwhile.
   */
  private scheduleListenCheck(): void {
    this.checkTimer = setTimeout(() => {
      void this.checkListener().finally(() => {
        if (!this.stopped) this.scheduleListenCheck();
      });
    }, this.options.listenCheckMs ?? LISTEN_CHECK_MS);
    this.checkTimer.unref?.();
  }

  private async checkListener(): Promise<void> {
    if (this.unheardCheck !== null || this.listenBroken) await this.relisten();
    if (this.stopped) return;
    const check = `${CHECK_PREFIX}${randomUUID()}`;
    this.unheardCheck = check;
    try {
      await this.db.notify(this.channel, check);
    } catch (error) {
      this.unheardCheck = null;
      this.listenBroken = true;
      this.options.onError?.(error);
    }
  }

  private async relisten(): Promise<void> {
    this.unheardCheck = null;
    try {
      const stop = await this.db.listen(this.channel, this.heard);
      const old = this.stopListening;
      this.stopListening = stop;
      this.listenBroken = false;
      await old?.();
      if (this.stopped) await stop();
      else void this.gaps?.poke();
    } catch (error) {
      this.listenBroken = true;
      this.options.onError?.(error);
    }
  }
}
