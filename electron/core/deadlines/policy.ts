import { formatDuration } from '../../../shared/i18n/duration';
import { formatMoney } from '../../../shared/i18n/money';
import { translate, translateCount, type CountedKey, type MessageKey, type MessageParams } from '../../../shared/i18n';
import type { DesktopNotification, NotificationKind } from '../../../shared/ipc/notifications';
import type { Language, Settings } from '../../../shared/ipc/settings';
import type { ServerClock, Timers } from './clock';
import type { DueAlert } from './engine';
import { isQuietTime, localMinutesOfDay } from './quiet-hours';

export interface PolicyDeps {
  timers: Timers;
  clock: ServerClock;
  settings: () => Settings;
  language: () => Language;
  show: (notification: DesktopNotification) => void;
  /** Minutes since local midnight; injected so tests do not depend on the machine's time zone. */
  minutesOfDay?: (epochMs: number) => number;
}

/** More alerts than this at once (e.g. after a sleep) become one summary. */
const SUMMARY_OVER = 3;
/** Supervisors hear of the team at most once a minute. */
const SUPERVISOR_BATCH_MS = 60_000;
const REMEMBERED = 2_000;

/**
 * Decides who is told what: agents about their own conversations (one notification per event,
 * a summary when many are due at once), supervisors about the team (batched, at most one a
 * minute, naming how many and the most urgent). Honours the per-kind switches and quiet hours,
 * and never notifies the same event twice, also across reconnects and re-syncs.
 */
export class NotificationPolicy {
  private readonly seen = new Set<string>();
  private readonly supervisorQueue = new Map<string, DueAlert>();
  private supervisorTimer: unknown = null;
  private lastSupervisorAt = -Infinity;
  private unread = 0;

  constructor(private readonly deps: PolicyDeps) {}

  get unreadCount(): number {
    return this.unread;
  }

  markSeen(): void {
    this.unread = 0;
  }

  /** Due deadlines of the signed-in user's own conversations. */
  agentAlerts(alerts: DueAlert[]): void {
    const settings = this.deps.settings();
    const wanted = alerts.filter((a) =>
      a.deadline.kind === 'window' ? settings.notifyWindowExpiring : settings.notifyAutoClose,
    );
    const fresh = wanted.filter((a) => this.remember(a.key));
    if (fresh.length > SUMMARY_OVER) {
      const first = fresh[0]!;
      this.emit(
        'summary',
        first.deadline.conversationId,
        'normal',
        this.tc('notify.summary.title', fresh.length),
        'notify.summary.body',
        { name: first.deadline.contactName, time: this.duration(first.msLeft) },
        first.deadline.at,
      );
      return;
    }
    for (const alert of fresh) {
      const window = alert.deadline.kind === 'window';
      this.emit(
        window ? 'window_expiring' : 'auto_close_soon',
        alert.deadline.conversationId,
        'normal',
        this.t(window ? 'notify.windowExpiring.title' : 'notify.autoCloseSoon.title', { name: alert.deadline.contactName }),
        window ? 'notify.windowExpiring.body' : 'notify.autoCloseSoon.body',
        { name: alert.deadline.contactName, time: this.duration(alert.msLeft) },
        alert.deadline.at,
      );
    }
  }

  /** Team-wide deadlines inside the supervisor's threshold: queued, sent at most once a minute. */
  supervisorAlerts(alerts: DueAlert[]): void {
    if (!this.deps.settings().notifySupervisorAlerts) return;
    for (const alert of alerts) if (this.remember(alert.key)) this.supervisorQueue.set(alert.deadline.conversationId, alert);
    this.flushSupervisorSoon();
  }

  /** A conversation left the team's list (closed, answered): it is no longer worth an alert. */
  forgetSupervisorAlert(conversationId: string): void {
    this.supervisorQueue.delete(conversationId);
  }

  customerReplied(input: { messageId: string; conversationId: string; contactName: string }): void {
    if (!this.remember(`replied|${input.messageId}`)) return;
    this.unread++;
    if (!this.deps.settings().notifyCustomerReplied) return;
    this.emit('customer_replied', input.conversationId, 'normal', this.t('notify.customerReplied.title', { name: input.contactName }), 'notify.customerReplied.body', {});
  }

  autoClosed(input: { conversationId: string; contactName: string; ticketNumber: number | null }): void {
    if (!this.remember(`closed|${input.conversationId}`)) return;
    if (!this.deps.settings().notifyAutoClose) return;
    this.emit(
      'auto_closed',
      input.conversationId,
      'normal',
      this.t('notify.autoClosed.title', { name: input.contactName }),
      input.ticketNumber === null ? 'notify.autoClosed.bodyNoTicket' : 'notify.autoClosed.body',
      { number: input.ticketNumber ?? '' },
    );
  }

  /** A budget threshold reached (server event budget.alert, sent once per month and threshold). */
  budgetAlert(alert: { category: string; month: string; threshold: number; spent: number; budget: number; currency: string }): void {
    if (!this.remember(`budget|${alert.category}|${alert.month}|${alert.threshold}`)) return;
    const money = (amount: number) => formatMoney(this.deps.language(), amount, alert.currency);
    const category = this.t(`category.${alert.category}` as MessageKey);
    this.emit(
      'budget_alert',
      null,
      alert.threshold >= 100 ? 'critical' : 'normal',
      this.t('notify.budget.title', { category, threshold: alert.threshold }),
      'notify.budget.body',
      { spent: money(alert.spent), budget: money(alert.budget), month: alert.month },
    );
  }

  stop(): void {
    if (this.supervisorTimer !== null) this.deps.timers.clearTimeout(this.supervisorTimer);
    this.supervisorTimer = null;
    this.supervisorQueue.clear();
  }

  private flushSupervisorSoon(): void {
    if (this.supervisorQueue.size === 0 || this.supervisorTimer !== null) return;
    const wait = this.lastSupervisorAt + SUPERVISOR_BATCH_MS - this.deps.timers.now();
    if (wait <= 0) return this.flushSupervisor();
    this.supervisorTimer = this.deps.timers.setTimeout(() => {
      this.supervisorTimer = null;
      this.flushSupervisor();
    }, wait);
  }

  private flushSupervisor(): void {
    const now = this.deps.clock.now();
    const queued = [...this.supervisorQueue.values()].filter((a) => a.deadline.at > now).sort((a, b) => a.deadline.at - b.deadline.at);
    this.supervisorQueue.clear();
    const urgent = queued[0];
    if (!urgent) return;
    this.lastSupervisorAt = this.deps.timers.now();
    const { deadline } = urgent;
    this.emit(
      'supervisor_expiring',
      deadline.conversationId,
      'critical',
      this.tc('notify.supervisor.title', queued.length),
      deadline.kind === 'window' ? 'notify.supervisor.bodyWindow' : 'notify.supervisor.bodyAutoClose',
      { name: deadline.contactName, agent: deadline.assignee?.name ?? this.t('notify.unassigned'), time: this.duration(deadline.at - now) },
      deadline.at,
    );
  }

  private emit(
    kind: NotificationKind,
    conversationId: string | null,
    urgency: 'normal' | 'critical',
    title: string,
    bodyKey: MessageKey,
    bodyParams: MessageParams,
    /** The deadline the body's `{time}` counts down to (server epoch ms). */
    deadlineAt?: number,
  ): void {
    const settings = this.deps.settings();
    const now = this.deps.timers.now();
    if (settings.quietHoursEnabled && isQuietTime((this.deps.minutesOfDay ?? localMinutesOfDay)(now), settings.quietHoursStart, settings.quietHoursEnd)) return;
    this.deps.show({
      id: crypto.randomUUID(),
      kind,
      title,
      body: this.t(bodyKey, bodyParams),
      conversationId,
      urgency,
      countdown: deadlineAt === undefined ? null : { at: new Date(deadlineAt).toISOString(), text: this.t(bodyKey, withoutTime(bodyParams)) },
      silent: !settings.notificationSound,
      createdAt: new Date(now).toISOString(),
    });
  }

  /** True the first time a key is seen. */
  private remember(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > REMEMBERED) this.seen.delete(this.seen.values().next().value!);
    return true;
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return translate(this.deps.language(), key, params);
  }

  /** A counted message ("1 session", "3 sessions"), by the language's plural rules. */
  private tc(base: CountedKey, count: number): string {
    return translateCount(this.deps.language(), base, count);
  }

  private duration(ms: number): string {
    return formatDuration(Math.ceil(ms / 60_000) * 60_000, (key, params) => this.t(key, params));
  }
}

/** The params without `time`: translate keeps an unfilled `{time}` for the toast to fill at each tick. */
function withoutTime({ time: _time, ...rest }: MessageParams): MessageParams {
  return rest;
}
