import type { MessageStatus } from '../../../shared/api/schemas';

const RANK: Partial<Record<MessageStatus, number>> = { pending: 0, sent: 1, delivered: 2, read: 3 };

/**
 * Whether a delivery report moves an outbound message forward. Reports arrive late, twice or out
 * of order: `read` never goes back to `delivered`, `failed` is final, and a message already
 * delivered or read does not turn into a failure.
 */
export function movesForward(current: MessageStatus, next: MessageStatus): boolean {
  if (current === 'failed' || current === 'received' || next === 'received' || next === 'pending') return false;
  if (next === 'failed') return current === 'pending' || current === 'sent';
  return (RANK[next] ?? -1) > (RANK[current] ?? -1);
}
