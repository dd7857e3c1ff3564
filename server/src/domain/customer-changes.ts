/**
 * What a customer changes rather than sends: a reaction or an edit changes the message it points
 * at (never a new bubble), a number change moves the contact, a marketing opt-out is recorded on
 * it. Each touches only that customer's own data; what points at nothing we have is dropped.
 */
import type { Message } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import { moveContactNumber, setMarketingOptOut } from '../repo/contacts';
import { editCustomerMessage, setReaction } from '../repo/messages';
import type { InboundContent } from './ingest';
import { phoneVariants } from './phone';

export type CustomerChange =
  | { kind: 'reaction'; from: string; targetProviderId: string; emoji: string; at: Date }
  | { kind: 'edit'; from: string; targetProviderId: string; text: string; content: Pick<InboundContent, 'location' | 'contacts' | 'interactive' | 'order'> | null; at: Date }
  | { kind: 'number_change'; from: string; newWaId: string }
  | { kind: 'marketing_preference'; waId: string; optedOut: boolean; at: Date };

/** Applies changes in order in the caller's transaction; returns the ids of the messages that changed (to announce). */
export async function applyCustomerChanges(tx: Queryable, changes: CustomerChange[]): Promise<Message['id'][]> {
  const changed = new Set<string>();
  for (const change of changes) {
    if (change.kind === 'reaction') {
      const id = await setReaction(tx, { providerId: change.targetProviderId, phoneForms: phoneVariants(change.from), direction: 'inbound', emoji: change.emoji, at: change.at });
      if (id) changed.add(id);
    } else if (change.kind === 'edit') {
      const id = await editCustomerMessage(tx, { providerId: change.targetProviderId, phoneForms: phoneVariants(change.from), text: change.text, content: change.content, at: change.at });
      if (id) changed.add(id);
    } else if (change.kind === 'number_change') {
      await moveContactNumber(tx, phoneVariants(change.from), change.newWaId);
    } else {
      await setMarketingOptOut(tx, phoneVariants(change.waId), change.optedOut, change.at);
    }
  }
  return [...changed].sort();
}
