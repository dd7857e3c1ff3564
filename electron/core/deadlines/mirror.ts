import type { ServerEvent } from '../../../shared/api/events';
import { ConversationPage, type Conversation, type User } from '../../../shared/api/schemas';
import { ExpiringList } from '../../../shared/api/supervisor';
import { conversationDeadline } from '../../../shared/domain/deadline';
import { canSendTemplates } from '../../../shared/domain/session';
import { WINDOW_MS } from '../../../shared/domain/window';
import { Ticket } from '../../../shared/api/tickets';
import type { Settings } from '../../../shared/ipc/settings';
import type { ApiClient } from '../api/client';
import type { Logger } from '../ports';
import type { ServerClock, Timers } from './clock';
import { DeadlineEngine, type Deadline } from './engine';
import type { NotificationPolicy } from './policy';

export interface MirrorDeps {
  timers: Timers;
  clock: ServerClock;
  policy: NotificationPolicy;
  settings: () => Settings;
  /** The signed-in user and their API client, or null when signed out. */
  signedIn: () => { user: User; client: ApiClient } | null;
  log: Logger;
  onCountsChanged?: () => void;
}

/** The whole team's sessions, for supervisors: a week is the longest a deadline can be away. */
const TEAM_RANGE_MINUTES = 7 * 24 * 60;
const PAGE_LIMIT = 100;
/** A full re-sync this often also catches anything a lost event left behind. */
const RESYNC_EVERY_MS = 5 * 60_000;

/**
 * Mirrors the server's deadlines on the desktop: a full sync at sign-in, after a reconnect, a
 * wake from sleep or a server clock change, then kept current by server events. Agents (and
 * operators, administrators) track their own conversations; supervisors the whole team.
 */
export class DeadlineMirror {
  readonly engine: DeadlineEngine;
  private syncing: Promise<void> | null = null;
  private resyncTimer: unknown = null;
  private audience: 'personal' | 'team' | null = null;

  constructor(private readonly deps: MirrorDeps) {
    this.engine = new DeadlineEngine(deps.timers, deps.clock, (alerts) => {
      if (this.audience === 'team') deps.policy.supervisorAlerts(alerts);
      else deps.policy.agentAlerts(alerts);
    }, () => deps.onCountsChanged?.());
    deps.clock.onChange(() => this.engine.check());
  }

  /** Re-reads every deadline from the server, then fires what is due (once). */
  resync(): Promise<void> {
    this.syncing ??= this.sync().finally(() => {
      this.syncing = null;
    });
    return this.syncing;
  }

  /** Settings changed: new lead times or threshold apply at once. */
  applySettings(): void {
    this.engine.setLeads(this.leads());
    this.engine.check();
  }

  stop(): void {
    this.engine.clear();
    this.deps.policy.stop();
    if (this.resyncTimer !== null) this.deps.timers.clearTimeout(this.resyncTimer);
    this.resyncTimer = null;
    this.audience = null;
  }

  /** How many tracked sessions are inside the alert range now (the tray shows it). */
  expiringCount(): number {
    return this.engine.countWithin(Math.max(...this.leads()) * 60_000);
  }

  onServerEvent(event: ServerEvent): void {
    this.deps.clock.observe(event.serverTime);
    const me = this.deps.signedIn()?.user;
    if (!me || !this.audience) return;
    if (event.type === 'message.updated' || event.type === 'budget.alert') return;
    const conversation = event.conversation;
    const before = this.engine.get(conversation.id);
    const mine = conversation.assigneeId === me.id;
    if (this.audience === 'team' || mine) this.track(conversation);
    else if (before) this.engine.remove(conversation.id);
    if (this.audience === 'team' && conversation.state !== 'open' && conversation.state !== 'waiting') this.deps.policy.forgetSupervisorAlert(conversation.id);
    if (this.audience !== 'personal' || !mine) return this.engine.check();
    if (event.type === 'message.created' && event.message.direction === 'inbound' && before?.kind === 'auto_close') {
      this.deps.policy.customerReplied({ messageId: event.message.id, conversationId: conversation.id, contactName: conversation.contact.name });
    }
    if (event.type === 'conversation.updated' && conversation.state === 'closed' && conversation.closedReason === 'no_reply') {
      void this.ticketNumber(conversation).then((ticketNumber) =>
        this.deps.policy.autoClosed({ conversationId: conversation.id, contactName: conversation.contact.name, ticketNumber }),
      );
    }
    this.engine.check();
  }

  private async sync(): Promise<void> {
    const session = this.deps.signedIn();
    if (!session) return;
    // Those who work conversations themselves hear of their own; supervisors of the team's.
    this.audience = canSendTemplates(session.user.role) ? 'personal' : session.user.role === 'supervisor' ? 'team' : null;
    this.engine.setLeads(this.leads());
    this.scheduleResync();
    try {
      const deadlines = this.audience === 'team' ? await this.teamDeadlines(session.client) : await this.ownDeadlines(session.client);
      this.engine.replaceAll(deadlines);
      this.engine.check();
    } catch (error) {
      this.deps.log.warn('could not sync deadlines', error instanceof Error ? error.message : error);
    }
  }

  private async ownDeadlines(client: ApiClient): Promise<Deadline[]> {
    const deadlines: Deadline[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.get('/conversations', ConversationPage, {
        searchParams: { state: 'open,waiting', mine: true, limit: PAGE_LIMIT, cursor },
      });
      this.deps.clock.observe(page.serverTime);
      for (const conversation of page.items) {
        const deadline = deadlineOf(conversation);
        if (deadline) deadlines.push(deadline);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return deadlines;
  }

  private async teamDeadlines(client: ApiClient): Promise<Deadline[]> {
    const list = await client.get('/supervisor/expiring', ExpiringList, { searchParams: { withinMinutes: TEAM_RANGE_MINUTES } });
    this.deps.clock.observe(list.serverTime);
    return list.items.map((item) => {
      const at = Date.parse(item.deadline);
      // The list does not say when a wait started; the conversation's events do (deadlineOf).
      return { conversationId: item.conversationId, kind: item.kind, at, contactName: item.contact.name, assignee: item.agent, since: item.kind === 'window' ? at - WINDOW_MS : null };
    });
  }

  private track(conversation: Conversation): void {
    const deadline = deadlineOf(conversation);
    if (deadline) this.engine.upsert(deadline);
    else this.engine.remove(conversation.id);
  }

  private async ticketNumber(conversation: Conversation): Promise<number | null> {
    const session = this.deps.signedIn();
    if (!session || !conversation.ticketId) return null;
    try {
      return (await session.client.get(`/tickets/${encodeURIComponent(conversation.ticketId)}`, Ticket)).number;
    } catch {
      return null;
    }
  }

  private leads(): number[] {
    const settings = this.deps.settings();
    return this.audience === 'team' ? [settings.supervisorThresholdMinutes] : settings.notifyLeadMinutes;
  }

  private scheduleResync(): void {
    if (this.resyncTimer !== null) this.deps.timers.clearTimeout(this.resyncTimer);
    this.resyncTimer = this.deps.timers.setTimeout(() => {
      this.resyncTimer = null;
      void this.resync();
    }, RESYNC_EVERY_MS);
  }
}

/**
 * The deadline that matters for a conversation (shared rule): the window when open, the auto-close
 * when waiting. A window is set by the customer message 24 h before it ends; a wait by the
 * template send that created the waiting conversation.
 */
export function deadlineOf(conversation: Conversation): Deadline | null {
  const deadline = conversationDeadline(conversation);
  if (!deadline) return null;
  const at = Date.parse(deadline.at);
  return {
    conversationId: conversation.id,
    kind: deadline.kind,
    at,
    contactName: conversation.contact.name,
    assignee: conversation.assignee,
    since: deadline.kind === 'window' ? at - WINDOW_MS : Date.parse(conversation.createdAt),
  };
}
