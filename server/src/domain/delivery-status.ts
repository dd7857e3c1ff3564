import type { MessageStatus } from '../../../shared/api/schemas';

export const UNCONFIRMED = 'WHATSAPP_SEND_UNCONFIRMED';

const RANK: Partial<Record<MessageStatus, number>> = { pending: 0, sent: 1, delivered: 2, read: 3 };

/**
 * Whether a delivery report moves an outbound message forward. Reports arrive late, twice or out
 * of order: `read` never goes back to `delivered`, `failed` is final, and a message already
 * delivered or read does not turn into a failure. The one exception: a message we marked
 * unconfirmed (it may or may not have gone out) takes whatever WhatsApp reports afterwards.
 */
export function movesForward(current: MessageStatus, next: MessageStatus, currentErrorCode: string | null = null): boolean {
  if (current === 'received' || next === 'received' || next === 'pending') return false;
  // A send we could not confirm is not a real failure: WhatsApp's later report wins.
  if (current === 'failed') return currentErrorCode === UNCONFIRMED && next !== 'failed';
  if (next === 'failed') return current === 'pending' || current === 'sent';
  return (RANK[next] ?? -1) > (RANK[current] ?? -1);
}
