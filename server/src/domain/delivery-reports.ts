import type { Message } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import type { EventBody } from '../events/bus';
import { lockByProviderIds, lockMessageStatus, updateMessageStatuses, type StatusTarget } from '../repo/messages';
import { checkBudgets } from './budgets';
import { movesForward } from './delivery-status';
import { recordReportedPricing, type ReportedPricing } from './message-prices';

type Append = (tx: Queryable, bodies: EventBody[]) => Promise<void>;
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
async function advance(tx: Queryable, append: Append, steps: { target: StatusTarget; status: Message['status']; error?: Failure }[]): Promise<Message[]> {
  const next = new Map<string, { id: string; status: Message['status']; error: Failure | null }>();
  for (const { target, status, error } of steps) {
    if (target.direction !== 'outbound' || !movesForward(target.status, status, target.errorCode)) continue;
    const kept = status === 'failed' ? (error ?? null) : null;
    target.status = status;
    target.errorCode = kept?.code ?? null;
    next.set(target.id, { id: target.id, status, error: kept });
  }
  const messages = await updateMessageStatuses(tx, [...next.values()]);
  await append(tx, messages.map((message) => ({ type: 'message.updated' as const, message })));
  return messages;
}

/**
 * Applies a provider's delivery reports (see `advance`) and the prices they report
 * (message-prices.ts); delivered templates then count against the budgets. Returns the changed
 * messages with the provider id they were reported under, and the reports whose message is unknown.
 */
export async function applyDeliveryReports(
  tx: Queryable,
  append: Append,
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
  const changed = await advance(tx, append, steps);
  await recordReportedPricing(tx, reports.flatMap((r) => {
    const target = targets.get(r.providerMessageId);
    return target && r.pricing ? [{ messageId: target.id, pricing: r.pricing }] : [];
  }), now);
  await checkBudgets(tx, append, changed, now);
  return { changed: changed.map((message) => ({ providerMessageId: providerIdOf.get(message.id)!, message })), unknown };
}

/** One report on a message known by our own id (the outbox's answer from WhatsApp); null when ignored. */
export async function advanceOne(tx: Queryable, append: Append, messageId: string, status: Message['status'], now: Date, error?: Failure, pricing?: ReportedPricing): Promise<Message | null> {
  const target = await lockMessageStatus(tx, messageId);
  if (!target) return null;
  const changed = await advance(tx, append, [{ target, status, error }]);
  if (pricing) await recordReportedPricing(tx, [{ messageId, pricing }], now);
  await checkBudgets(tx, append, changed, now);
  return changed[0] ?? null;
}
