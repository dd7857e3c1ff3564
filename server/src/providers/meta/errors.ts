/**
 * Meta's error codes (whatsapp-protocol.md §1.5, §1.6) as the console needs them: retry later, or
 * fail the message with a stable code and a sentence an agent can read.
 */
import { failure, failureCodeFor, RATE_LIMITS, TRANSIENT } from '../failures';
import type { SendOutcome } from '../types';
import type { GraphError } from './graph-client';

// The error texts and Meta's codes are shared with the Zenvia provider (its status causes carry them).
export { failure, failureCodeFor };

/** What a failed Graph send means for the outbox. */
export function sendOutcomeOf(error: GraphError): Extract<SendOutcome, { ok: false }> {
  const { kind, httpStatus, code, retryAfterMs, maybeDelivered } = error.info;
  if (kind !== 'api') {
    return { ok: false, retry: true, maybeSent: maybeDelivered, failure: failure('WHATSAPP_UNAVAILABLE'), retryAfterMs: retryAfterMs ?? undefined };
  }
  if (httpStatus === 429 || (code !== null && RATE_LIMITS.has(code))) {
    return { ok: false, retry: true, failure: failure('WHATSAPP_RATE_LIMITED', code), retryAfterMs: retryAfterMs ?? undefined };
  }
  if ((code !== null && TRANSIENT.has(code)) || (httpStatus !== null && httpStatus >= 500)) {
    return { ok: false, retry: true, failure: failure('WHATSAPP_UNAVAILABLE', code), retryAfterMs: retryAfterMs ?? undefined };
  }
  const final = failureCodeFor(code);
  return {
    ok: false,
    retry: false,
    failure: failure(final, code),
    templateStatus: code === 132015 ? 'PAUSED' : code === 132016 ? 'DISABLED' : undefined,
  };
}
