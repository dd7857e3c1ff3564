/**
 * Zenvia's answers (whatsapp-protocol.md §2.1: `{code, message, details[]}`) as the outbox needs
 * them: INTERNAL_ERROR (500), rate limits and network failures are retried with backoff; a request
 * that may have reached Zenvia unanswered is never repeated (it waits for a status event to prove
 * it, as on the Meta path); VALIDATION_ERROR and the other 4xx fail the message for good, keeping
 * Zenvia's message and details for the agent.
 */
import type { DeliveryErrorCode } from '../../../../shared/api/errors';
import { failure } from '../failures';
import type { DeliveryFailure, SendOutcome } from '../types';
import type { ZenviaError } from './client';

/** Our failure with Zenvia's own words (its message as the title, its details) when it gave them. */
function withZenviaWords(code: DeliveryErrorCode, error: ZenviaError): DeliveryFailure {
  const { code: zenviaCode, message, details } = error.info;
  const title = [zenviaCode, message].filter(Boolean).join(': ');
  return { ...failure(code), ...(title ? { title } : {}), ...(details.length ? { details: details.join('; ') } : {}) };
}

/** What a failed send means for the outbox; `template` when it was a template send. */
export function sendOutcomeOf(error: ZenviaError, kind: 'template' | 'message'): Extract<SendOutcome, { ok: false }> {
  const { kind: what, httpStatus, code, retryAfterMs, maybeDelivered } = error.info;
  const wait = retryAfterMs ?? undefined;
  if (what !== 'api') return { ok: false, retry: true, maybeSent: maybeDelivered, failure: withZenviaWords('WHATSAPP_UNAVAILABLE', error), retryAfterMs: wait };
  if (httpStatus === 429) return { ok: false, retry: true, failure: withZenviaWords('WHATSAPP_RATE_LIMITED', error), retryAfterMs: wait };
  if (httpStatus !== null && httpStatus >= 500) return { ok: false, retry: true, failure: withZenviaWords('WHATSAPP_UNAVAILABLE', error), retryAfterMs: wait };
  // "Entity already exists": this message may already be at Zenvia; never send it again, wait for proof.
  if (httpStatus === 409 || code === 'DUPLICATED') return { ok: false, retry: true, maybeSent: true, failure: withZenviaWords('WHATSAPP_SEND_FAILED', error) };
  if (httpStatus === 401 || httpStatus === 403 || code === 'AUTHENTICATION_ERROR') return { ok: false, retry: false, failure: withZenviaWords('WHATSAPP_ACCOUNT_PROBLEM', error) };
  return { ok: false, retry: false, failure: withZenviaWords(kind === 'template' ? 'WHATSAPP_TEMPLATE_PROBLEM' : 'WHATSAPP_SEND_FAILED', error) };
}
