import TinyQueue from 'tinyqueue';
import type { ServerClock, Timers } from './clock';

export type DeadlineKind = 'window' | 'auto_close';

/** One conversation's next deadline, as the server keeps it (absolute server time). */
export interface Deadline {
  conversationId: string;
  kind: DeadlineKind;
  /** Server time in epoch ms. */
  at: number;
  contactName: string;
  assignee: { id: string; name: string } | null;
  /**
   * When the server set this deadline (server epoch ms): the customer's message that opened the
   * window, the template send that started the wait. Null when the source does not say (then
   * every lead counts, as for a deadline set long ago), unless an earlier source said.
   */
  since?: number | null;
}

/** A lead time was reached: `msLeft` is what is really left (less than the lead after a sleep). */
export interface DueAlert {
  deadline: Deadline;
  leadMinutes: number;
  msLeft: number;
  /** Stable for this conversation, deadline and lead: the same alert never fires twice. */
  key: string;
}

/** setTimeout cannot wait longer than this (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;
const MINUTE = 60_000;

/** One mirrored deadline with what the engine knows of it. */
interface Tracked {
  deadline: Deadline;
  /** Conversation, kind and time: a moved deadline is a new one (its leads fire again). */
  key: string;
  /** When it was set, as far as any source said (server ms), or null. */
  since: number | null;
  /** Lead times (minutes, ascending) still ahead when it was set; the others never fire. */
  leads: number[];
  /** Leads that fired (or were passed over by a more urgent one). */
  fired: Set<number>;
  /** Bumped on every change: queue entries of an older version are stale and skipped. */
  version: number;
}

/** A moment the engine must look at a deadline again: its next lead time, or the deadline itself. */
interface Entry {
  at: number;
  conversationId: string;
  version: number;
}

/**
 * Mirrors the server's deadlines and arms ONE timer for the nearest lead time (or deadline, to
 * drop it). When it fires, or when `check()` is called after a sleep, a reconnect or a change of
 * server clock, every lead that has been reached fires once: per deadline only the most urgent
 * one, with the time really left, so a laptop that slept through the 60- and 15-minute marks
 * says "12 min left" once, not three times. Passed deadlines fire nothing, and neither does a
 * lead time that was already reached when the deadline was set: a template sent with a 5-minute
 * wait never says "closes in 5 min" the moment it is sent (leads 60, 15 and 5 are all skipped).
 *
 * Scales to a supervisor's 100,000 deadlines: each deadline has one entry in a min-queue keyed by
 * the next moment to look at it (entries of a changed or removed deadline go stale and are
 * skipped), so upsert, remove and finding the next moment are O(log n) and `check()` only touches
 * what is due. `replaceAll` and `setLeads` rebuild the queue once, O(n log n).
 */
export class DeadlineEngine {
  private readonly tracked = new Map<string, Tracked>();
  private queue = new TinyQueue<Entry>([], byTime);
  private leads: number[] = [];
  private timer: unknown = null;
  private versions = 0;

  constructor(
    private readonly timers: Timers,
    private readonly clock: ServerClock,
    private readonly onDue: (alerts: DueAlert[]) => void,
    /** After every check: what is upcoming may have changed (the tray's counts). */
    private readonly onChecked: () => void = () => undefined,
  ) {}

  setLeads(minutes: number[]): void {
    this.leads = [...new Set(minutes)].sort((a, b) => a - b);
    for (const t of this.tracked.values()) t.leads = this.leadsAfterSet(t.deadline.at, t.since);
    this.rebuild();
  }

  /** Replaces everything known (after a full sync); keeps what already fired for deadlines that did not move. */
  replaceAll(deadlines: Deadline[]): void {
    const before = new Map(this.tracked);
    this.tracked.clear();
    for (const deadline of deadlines) this.track(deadline, before.get(deadline.conversationId));
    this.rebuild();
  }

  upsert(deadline: Deadline): void {
    this.schedule(this.track(deadline, this.tracked.get(deadline.conversationId)));
  }

  remove(conversationId: string): void {
    // Its queue entry goes stale: it never had a version of this map again.
    this.tracked.delete(conversationId);
    this.compactIfNeeded();
  }

  get(conversationId: string): Deadline | undefined {
    return this.tracked.get(conversationId)?.deadline;
  }

  /** Tracked deadlines still ahead, nearest first. */
  upcoming(): Deadline[] {
    const now = this.clock.now();
    return [...this.tracked.values()].map((t) => t.deadline).filter((d) => d.at > now).sort((a, b) => a.at - b.at);
  }

  /** How many tracked deadlines are ahead and at most `rangeMs` away (no sorting). */
  countWithin(rangeMs: number): number {
    const now = this.clock.now();
    let count = 0;
    for (const { deadline } of this.tracked.values()) if (deadline.at > now && deadline.at - now <= rangeMs) count++;
    return count;
  }

  /** Fires what is due now (once) and re-arms the timer for the next lead time or deadline. */
  check(): void {
    const now = this.clock.now();
    const due: DueAlert[] = [];
    for (let entry = this.peekLive(); entry && entry.at <= now; entry = this.peekLive()) {
      this.queue.pop();
      const t = this.tracked.get(entry.conversationId)!;
      const { deadline } = t;
      if (deadline.at > now) {
        const reached = t.leads.filter((lead) => now >= deadline.at - lead * MINUTE);
        const fresh = reached.filter((lead) => !t.fired.has(lead));
        for (const lead of reached) t.fired.add(lead);
        if (fresh.length) {
          const lead = Math.min(...fresh);
          due.push({ deadline, leadMinutes: lead, msLeft: deadline.at - now, key: alertKey(t.key, lead) });
        }
      }
      this.schedule(t);
    }
    this.arm(now);
    if (due.length) this.onDue(due.sort((a, b) => a.msLeft - b.msLeft));
    this.onChecked();
  }

  stop(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  clear(): void {
    this.stop();
    this.tracked.clear();
    this.queue = new TinyQueue<Entry>([], byTime);
  }

  /** Records a deadline, carrying what fired and when it was set over from `before` if it did not move. */
  private track(deadline: Deadline, before: Tracked | undefined): Tracked {
    const key = deadlineKey(deadline);
    const same = before?.key === key ? before : undefined;
    const since = deadline.since ?? same?.since ?? null;
    const t: Tracked = { deadline, key, since, leads: this.leadsAfterSet(deadline.at, since), fired: same?.fired ?? new Set(), version: ++this.versions };
    this.tracked.set(deadline.conversationId, t);
    return t;
  }

  /** The lead times still ahead when the deadline was set; the others were due at once and never fire. */
  private leadsAfterSet(at: number, since: number | null): number[] {
    const from = since ?? -Infinity;
    return this.leads.filter((lead) => at - lead * MINUTE > from);
  }

  /**
   * Queues the next moment to look at `t` while its deadline is ahead: its earliest lead not fired
   * yet (due at once if already reached), else the deadline itself (to drop it from the counts).
   */
  private schedule(t: Tracked): void {
    // A passed deadline fires nothing more (its unfired leads are simply missed).
    if (t.deadline.at <= this.clock.now()) return;
    const lead = t.leads.findLast((l) => !t.fired.has(l));
    const at = lead === undefined ? t.deadline.at : t.deadline.at - lead * MINUTE;
    this.queue.push({ at, conversationId: t.deadline.conversationId, version: t.version });
  }

  /** The earliest entry that still stands for a tracked deadline (stale ones are dropped). */
  private peekLive(): Entry | undefined {
    for (let entry = this.queue.peek(); entry; entry = this.queue.peek()) {
      if (this.tracked.get(entry.conversationId)?.version === entry.version) return entry;
      this.queue.pop();
    }
    return undefined;
  }

  private rebuild(): void {
    this.queue = new TinyQueue<Entry>([], byTime);
    for (const t of this.tracked.values()) {
      t.version = ++this.versions;
      this.schedule(t);
    }
  }

  /** Many stale entries (removals leave theirs behind): start the queue again from what is tracked. */
  private compactIfNeeded(): void {
    if (this.queue.length > 2 * this.tracked.size + 1024) this.rebuild();
  }

  private arm(now: number): void {
    this.stop();
    const next = this.peekLive();
    if (!next) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, this.clock.toLocal(Math.max(next.at, now)) - this.timers.now()));
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.check();
    }, delay);
  }
}

const byTime = (a: Entry, b: Entry) => a.at - b.at;

function deadlineKey(deadline: Deadline): string {
  return `${deadline.conversationId}|${deadline.kind}|${deadline.at}`;
}

function alertKey(deadlineKey: string, lead: number): string {
  return `${deadlineKey}|${lead}`;
}
