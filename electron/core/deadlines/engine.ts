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

/**
 * Mirrors the server's deadlines and arms ONE timer for the nearest lead time (or deadline, to
 * drop it). When it fires, or when `check()` is called after a sleep, a reconnect or a change of
 * server clock, every lead that has been reached fires once: per deadline only the most urgent
 * one, with the time really left, so a laptop that slept through the 60- and 15-minute marks
 * says "12 min left" once, not three times. Passed deadlines fire nothing, and neither does a
 * lead time that was already reached when the deadline was set: a template sent with a 5-minute
 * wait never says "closes in 5 min" the moment it is sent (leads 60, 15 and 5 are all skipped).
 */
export class DeadlineEngine {
  private readonly deadlines = new Map<string, Deadline>();
  private readonly fired = new Set<string>();
  /** When each deadline (by conversation, kind and time) was set, as far as any source said. */
  private readonly setAt = new Map<string, number>();
  private leads: number[] = [];
  private timer: unknown = null;

  constructor(
    private readonly timers: Timers,
    private readonly clock: ServerClock,
    private readonly onDue: (alerts: DueAlert[]) => void,
    /** After every check: what is upcoming may have changed (the tray's counts). */
    private readonly onChecked: () => void = () => undefined,
  ) {}

  setLeads(minutes: number[]): void {
    this.leads = [...new Set(minutes)].sort((a, b) => a - b);
  }

  /** Replaces everything known (after a full sync); keeps what already fired. */
  replaceAll(deadlines: Deadline[]): void {
    this.deadlines.clear();
    for (const deadline of deadlines) this.upsert(deadline);
    this.prune();
  }

  upsert(deadline: Deadline): void {
    this.deadlines.set(deadline.conversationId, deadline);
    const key = deadlineKey(deadline);
    if (deadline.since != null) this.setAt.set(key, deadline.since);
  }

  remove(conversationId: string): void {
    this.deadlines.delete(conversationId);
    this.prune();
  }

  get(conversationId: string): Deadline | undefined {
    return this.deadlines.get(conversationId);
  }

  /** Tracked deadlines still ahead, nearest first. */
  upcoming(): Deadline[] {
    const now = this.clock.now();
    return [...this.deadlines.values()].filter((d) => d.at > now).sort((a, b) => a.at - b.at);
  }

  /** Fires what is due now (once) and re-arms the timer for the next lead time or deadline. */
  check(): void {
    const now = this.clock.now();
    const due: DueAlert[] = [];
    for (const deadline of this.deadlines.values()) {
      if (deadline.at <= now) continue;
      const reached = this.leadsAfterSet(deadline).filter((lead) => now >= deadline.at - lead * 60_000);
      const fresh = reached.filter((lead) => !this.fired.has(alertKey(deadline, lead)));
      if (fresh.length === 0) continue;
      for (const lead of reached) this.fired.add(alertKey(deadline, lead));
      const lead = Math.min(...fresh);
      due.push({ deadline, leadMinutes: lead, msLeft: deadline.at - now, key: alertKey(deadline, lead) });
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
    this.deadlines.clear();
    this.fired.clear();
    this.setAt.clear();
  }

  /** The lead times still ahead when the deadline was set; the others were due at once and never fire. */
  private leadsAfterSet(deadline: Deadline): number[] {
    const since = this.setAt.get(deadlineKey(deadline)) ?? -Infinity;
    return this.leads.filter((lead) => deadline.at - lead * 60_000 > since);
  }

  private arm(now: number): void {
    let next = Infinity;
    for (const deadline of this.deadlines.values()) {
      if (deadline.at <= now) continue;
      next = Math.min(next, deadline.at);
      for (const lead of this.leadsAfterSet(deadline)) {
        const at = deadline.at - lead * 60_000;
        if (at > now && !this.fired.has(alertKey(deadline, lead))) next = Math.min(next, at);
      }
    }
    this.stop();
    if (next === Infinity) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, this.clock.toLocal(next) - this.timers.now()));
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.check();
    }, delay);
  }

  /** Forgets alerts of deadlines that are gone or moved, so memory stays bounded. */
  private prune(): void {
    const live = new Set<string>();
    for (const deadline of this.deadlines.values()) for (const lead of this.leads) live.add(alertKey(deadline, lead));
    for (const key of this.fired) if (!live.has(key)) this.fired.delete(key);
    const known = new Set([...this.deadlines.values()].map(deadlineKey));
    for (const key of this.setAt.keys()) if (!known.has(key)) this.setAt.delete(key);
  }
}

function deadlineKey(deadline: Deadline): string {
  return `${deadline.conversationId}|${deadline.kind}|${deadline.at}`;
}

function alertKey(deadline: Deadline, lead: number): string {
  return `${deadlineKey(deadline)}|${lead}`;
}
