import type { Message } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import type { EventBody } from '../events/bus';
import type { StoredEvent } from '../repo/events';
import { lockByProviderIds, lockMessageStatus, updateMessageStatusesWithEvents, type StatusTarget } from '../repo/messages';
import { checkBudgets } from './budgets';
import { movesForward } from './delivery-status';
import { recordReportedPricing, type ReportedPricing } from './message-prices';

type Append = (tx: Queryable, bodies: EventBody[]) => Promise<void>;

/** Where reports' events go: the status update writes its own (`written`: after commit they are announced); others are appended. */
export interface ReportEvents {
  append: Append;
  written: (events: StoredEvent[]) => Promise<void>;
  /** Whether events are announced by NOTIFY at commit (PostgreSQL). */
  notify: boolean;
}

/** Why a message failed: our code and text, and WhatsApp's own title and details when it gave them. */
type Failure = { code: string; message: string; title?: string; details?: string };

/** A provider's report on an outbound message it knows by its own id. */
export interface DeliveryReport {
  providerMessageId: string;
  status: Message['status'];
  error?: Failure;
  /** What the provider said the message costs (Meta's `pricing`), kept whatever the status does. */
  pricing?: ReportedPricing;
}

/**
 * The one rule for delivery reports, set-based: reports apply to their row-locked messages in the
 * order given, each only if it moves the message forward (movesForward); the messages that changed
 * are updated in one statement and get one message.updated each, with their final state.
 */
async function advance(tx: Queryable, events: ReportEvents, steps: { target: StatusTarget; status: Message['status']; error?: Failure }[], now: Date): Promise<Message[]> {
  const next = new Map<string, { id: string; status: Message['status']; error: Failure | null }>();
  for (const { target, status, error } of steps) {
    if (target.direction !== 'outbound' || !movesForward(target.status, status, target.errorCode)) continue;
    const kept = status === 'failed' ? (error ?? null) : null;
    target.status = status;
    target.errorCode = kept?.code ?? null;
    next.set(target.id, { id: target.id, status, error: kept });
  }
  const written = await updateMessageStatusesWithEvents(tx, [...next.values()], now, events.notify);
  await events.written(written);
  return written.map((event) => (event.body as Extract<EventBody, { type: 'message.updated' }>).message);
}

/**
 * Applies a provider's delivery reports (see `advance`) and the prices they report
 * (message-prices.ts); delivered templates then count against the budgets. Returns the changed
 * messages with the provider id they were reported under, and the reports whose message is unknown.
 */
export async function applyDeliveryReports(
  tx: Queryable,
  events: ReportEvents,
  reports: DeliveryReport[],
  now: Date,
): Promise<{ changed: { providerMessageId: string; message: Message }[]; unknown: DeliveryReport[] }> {
  const targets = new Map((await lockByProviderIds(tx, [...new Set(reports.map((r) => r.providerMessageId))])).map((t) => [t.providerMessageId!, t]));
  const unknown = reports.filter((r) => !targets.has(r.providerMessageId));
  const steps = reports.flatMap((r) => {
    const target = targets.get(r.providerMessageId);
    return target ? [{ target, status: r.status, error: r.error }] : [];
  });
  const providerIdOf = new Map([...targets.values()].map((t) => [t.id, t.providerMessageId!]));
  const changed = await advance(tx, events, steps, now);
  await recordReportedPricing(tx, reports.flatMap((r) => {
    const target = targets.get(r.providerMessageId);
    return target && r.pricing ? [{ messageId: target.id, pricing: r.pricing }] : [];
  }), now);
  await checkBudgets(tx, events.append, changed, now);
  return { changed: changed.map((message) => ({ providerMessageId: providerIdOf.get(message.id)!, message })), unknown };
}

/** One report on a message known by our own id (the outbox's answer from WhatsApp); null when ignored. */
export async function advanceOne(tx: Queryable, events: ReportEvents, messageId: string, status: Message['status'], now: Date, error?: Failure, pricing?: ReportedPricing): Promise<Message | null> {
  const target = await lockMessageStatus(tx, messageId);
  if (!target) return null;
  const changed = await advance(tx, events, [{ target, status, error }], now);
  if (pricing) await recordReportedPricing(tx, [{ messageId, pricing }], now);
  await checkBudgets(tx, events.append, changed, now);
  return changed[0] ?? null;
}
