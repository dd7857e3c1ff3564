import type { Clock } from '../clock';
import type { Db, Queryable } from '../db/db';
import { eventChannel, insertEvents, latestEventSeq, readEvents, readEventSeqs, storedBodies, type EventBody, type StoredEvent } from '../repo/events';
import { NotifyListener } from './listener';
import { SequenceGaps } from './sequence-gaps';
import { mayView, type Viewer, type VisibilityRule } from './visibility';

export type { EventBody, StoredEvent } from '../repo/events';
export type { Viewer } from './visibility';

/**
 * What a write hands the bus to announce after commit: the seqs of events it appended, or the
 * events themselves as stored when the writer has them (delivered then without reading them back).
 */
export type Written = number | StoredEvent;
/** Collects, inside a transaction, what it wrote (see `withEvents`). */
export type Emit = (written: Written | Written[] | Promise<Written | Written[]>) => Promise<void>;

/** An event on its way to the clients, with its SSE frame serialized once for all of them. */
export interface DeliveredEvent extends StoredEvent {
  /** `id: <seq>\nevent: <type>\ndata: <JSON with id and serverTime>\n\n`, UTF-8. */
  frame: Buffer;
}

/** Takes events delivered together, in order; `joined` (when given) is all their frames as one Buffer. */
type Client = (events: readonly DeliveredEvent[], joined: Buffer | null) => void;

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
  /** PostgreSQL: how long a NOTIFY heard during this instance's own writes waits for them (see `writing`). */
  ownWritesWaitMs?: number;
  /** PostgreSQL: how often the LISTEN connection proves it still hears (0: never checked). */
  listenCheckMs?: number;
  /** Background failures (a read of the log, the LISTEN connection). */
  onError?: (error: unknown) => void;
}

/** How long a NOTIFY heard during this instance's own writes waits for them before the log is read. */
const OWN_WRITES_WAIT_MS = 10;

/**
 * The event log and its fan-out. Events are written in the transaction of the change they
 * describe; on PostgreSQL the same statement queues a NOTIFY, delivered at commit to every
 * instance (LISTEN). With PGlite there is one process: `announce` after commit wakes the bus.
 * Each instance reads the log once per batch of announcements, delivers it strictly in sequence
 * order (SequenceGaps) and serializes each event once; clients only filter and write frames.
 * The instance that wrote an event already holds it: `announce` hands it to SequenceGaps, which
 * delivers it without reading it back when it is next in order (other instances read it). While
 * no client listens, only the seqs are read: the bus keeps its place in the log, nothing more.
 * What one drain of SequenceGaps delivers reaches each client as one Buffer, the same for every
 * client that may see all of it: one write per client, whatever the number of events.
 */
export class EventBus {
  private readonly clients = new Set<Client>();
  private readonly canSee: VisibilityRule;
  /** Events this instance appended while it had clients, by seq, until announced or passed. */
  private readonly written = new Map<number, EventBody>();
  private gaps: SequenceGaps<LoggedEvent> | null = null;
  /** Events of the drain under way, sent to the clients together when it ends (`flush`). */
  private outgoing: DeliveredEvent[] = [];
  /** This instance's writes in flight (see `writing`), and the highest seq heard meanwhile. */
  private writes = 0;
  private heardDuringWrites = 0;
  private heardTimer: NodeJS.Timeout | null = null;
  private heardWhileStarting = false;
  private listener: NotifyListener | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly options: EventBusOptions = {},
  ) {
    this.canSee = options.canSee ?? mayView;
  }

  async start(): Promise<void> {
    if (this.db.kind === 'pg') {
      const { listenCheckMs: checkMs, onError } = this.options;
      this.listener = new NotifyListener(this.db, await eventChannel(this.db), this.heard, () => void this.gaps?.poke(), { checkMs, onError });
      await this.listener.start();
    }
    // Listening before reading the end of the log: nothing committed in between is missed.
    this.gaps = new SequenceGaps<LoggedEvent>({
      last: await latestEventSeq(this.db),
      read: async (after, skip, limit) =>
        this.clients.size ? readEvents(this.db, after, { skip, limit }) : (await readEventSeqs(this.db, after, { skip, limit })).map((seq) => ({ seq, body: null })),
      deliver: (event) => this.fanOut(event),
      flush: () => this.flush(),
      gapWaitMs: this.options.gapWaitMs,
      retryMs: this.options.retryMs,
      onError: this.options.onError,
    });
    if (this.heardWhileStarting) void this.gaps.poke();
  }

  async stop(): Promise<void> {
    if (this.heardTimer) clearTimeout(this.heardTimer);
    this.gaps?.stop();
    this.clients.clear();
    this.written.clear();
    this.outgoing = [];
    await this.listener?.stop();
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
  async announce(written: readonly Written[]): Promise<void> {
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

  /**
   * Runs one of this instance's writes: its transaction, then `announce` of what it wrote. On
   * PostgreSQL the NOTIFY of its commit often arrives before the statement's answer; the answer
   * brings the events, so meanwhile the NOTIFY does not make the bus read the log (a round trip,
   * and rows to parse, while the clients are being written). A NOTIFY heard during writes is
   * followed up when one ends, or after OWN_WRITES_WAIT_MS (another instance's event waits no longer).
   */
  async writing<T>(write: () => Promise<T>): Promise<T> {
    this.writes++;
    try {
      return await write();
    } finally {
      this.writes--;
      this.followHeard();
    }
  }

  /** Runs `fn` in a transaction, as one of this instance's writes, and announces what it emitted once committed. */
  withEvents<T>(fn: (tx: Queryable, emit: Emit) => Promise<T>): Promise<T> {
    return this.writing(async () => {
      const written: Written[] = [];
      const result = await this.db.transaction((tx) => fn(tx, async (w) => void written.push(...[await w].flat())));
      await this.announce(written);
      return result;
    });
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

  /**
   * A client's stream: with `after` (its Last-Event-ID) first the logged events after it up to
   * `lastDelivered`, then the live ones; no gap, no repeat. Without it (or with an id beyond
   * the end of the log), from now. Only the events `viewer` may see are written: the frames of
   * events delivered together in one call of `write`, the very Buffer every client gets when it
   * may see them all.
   */
  open(viewer: Viewer, after: number | null, write: (frames: Buffer) => void): EventStream {
    let last = Infinity; // nothing goes out before the starting point is known
    let live = false;
    let closed = false;
    const pending: [readonly DeliveredEvent[], Buffer | null][] = [];
    const send: Client = (events, joined) => {
      if (closed) return;
      let kept: Buffer[] | null = null; // the frames taken, once an event is left out
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        const takes = event.seq > last && this.canSee(viewer, event.body);
        last = Math.max(last, event.seq);
        if (!takes) kept ??= events.slice(0, i).map((e) => e.frame);
        else kept?.push(event.frame);
      }
      if (!kept) write(joined ?? joinFrames(events));
      else if (kept.length) write(Buffer.concat(kept));
    };
    const listener: Client = (events, joined) => (live ? send(events, joined) : pending.push([events, joined]));
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
        send(batch.map((event) => this.prepare(event)), null);
      }
      live = true;
      for (const [events, joined] of pending.splice(0)) send(events, joined);
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
    if (this.clients.size && event.body !== null) this.outgoing.push(this.prepare(event));
    return true;
  }

  /** The end of a drain: what it delivered goes to every client at once, its frames joined once. */
  private flush(): void {
    const events = this.outgoing;
    if (events.length === 0) return;
    this.outgoing = [];
    const joined = joinFrames(events);
    for (const client of this.clients) {
      try {
        client(events, joined);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  /** Delivered (or skipped as never committed): kept bodies up to `seq` are done with. */
  private forgetWritten(seq: number): void {
    this.written.delete(seq);
    for (const kept of this.written.keys()) {
      if (kept > seq) return;
      this.written.delete(kept);
    }
  }

  /** A NOTIFY: the highest event seq of a committed statement. */
  private readonly heard = (payload: string): void => {
    if (!this.gaps) {
      this.heardWhileStarting = true;
      return;
    }
    const seq = Number(payload);
    if (seq <= this.gaps.last && !this.gaps.waiting) return;
    if (this.writes > 0 && seq > this.gaps.last && !this.gaps.waiting) {
      // Most likely this instance's own commit, whose answer is on its way (see `writing`).
      this.heardDuringWrites = Math.max(this.heardDuringWrites, seq);
      if (!this.heardTimer) {
        this.heardTimer = setTimeout(() => this.followHeard(), this.options.ownWritesWaitMs ?? OWN_WRITES_WAIT_MS);
        this.heardTimer.unref?.();
      }
      return;
    }
    void this.gaps.poke();
  };

  /** A NOTIFY heard during writes whose events have not come with their answers: the log has them. */
  private followHeard(): void {
    if (this.heardTimer) clearTimeout(this.heardTimer);
    this.heardTimer = null;
    const heard = this.heardDuringWrites;
    this.heardDuringWrites = 0;
    if (this.gaps && heard > this.gaps.last) void this.gaps.poke();
  }
}

/** Frames as one Buffer: the frame itself for one event, one copy for several. */
function joinFrames(events: readonly DeliveredEvent[]): Buffer {
  return events.length === 1 ? events[0]!.frame : Buffer.concat(events.map((e) => e.frame));
}
