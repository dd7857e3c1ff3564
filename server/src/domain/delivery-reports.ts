import type { Message } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import type { EventBody } from '../events/bus';
import { lockByProviderIds, updateMessageStatuses } from '../repo/messages';
import { movesForward } from './delivery-status';

/** A provider's report on an outbound message it knows by its own id. */
export interface DeliveryReport {
  providerMessageId: string;
  status: Message['status'];
  error?: { code: string; message: string };
}

/**
 * Applies delivery reports set-based: the messages are locked and updated in one statement each,
 * whatever the number of reports. Reports for one message apply in the order given, each only if
 * it moves the message forward (movesForward); a message that changed gets one message.updated
 * with its final state. Returns the changed messages and the reports whose message is unknown.
 */
export async function applyDeliveryReports(
  tx: Queryable,
  append: (tx: Queryable, bodies: EventBody[]) => Promise<void>,
  reports: DeliveryReport[],
): Promise<{ changed: { providerMessageId: string; message: Message }[]; unknown: DeliveryReport[] }> {
  const targets = new Map((await lockByProviderIds(tx, [...new Set(reports.map((r) => r.providerMessageId))])).map((t) => [t.providerMessageId, t]));
  const next = new Map<string, { id: string; providerMessageId: string; status: Message['status']; error: { code: string; message: string } | null }>();
  const unknown: DeliveryReport[] = [];
  for (const report of reports) {
    const target = targets.get(report.providerMessageId);
    if (!target) {
      unknown.push(report);
      continue;
    }
    if (target.direction !== 'outbound' || !movesForward(target.status, report.status, target.errorCode)) continue;
    const error = report.status === 'failed' ? (report.error ?? null) : null;
    target.status = report.status;
    target.errorCode = error?.code ?? null;
    next.set(target.id, { id: target.id, providerMessageId: target.providerMessageId, status: report.status, error });
  }
  const updates = [...next.values()];
  const messages = await updateMessageStatuses(tx, updates);
  await append(tx, messages.map((message) => ({ type: 'message.updated' as const, message })));
  return { changed: messages.map((message, i) => ({ providerMessageId: updates[i]!.providerMessageId, message })), unknown };
}
