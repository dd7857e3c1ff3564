import type { ClosedReason } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import { attachTranscripts } from '../repo/tickets';

/** Attaches one whole conversation to its linked ticket as a chat action (the demo data's closed conversation). */
export async function attachChatAction(
  tx: Queryable,
  input: { conversationId: string; reason: ClosedReason; closedBy: { id: string; name: string } | null; now: Date },
): Promise<void> {
  await attachTranscripts(tx, [{ conversationId: input.conversationId, reason: input.reason }], input.closedBy, input.now);
}
