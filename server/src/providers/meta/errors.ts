/**
 * Meta's error codes (whatsapp-protocol.md §1.5, §1.6) as the console needs them: retry later, or
 * fail the message with a stable code and a sentence an agent can read.
 */
import type { DeliveryErrorCode } from '../../../../shared/api/errors';
import type { DeliveryFailure, SendOutcome } from '../types';
import type { GraphError } from './graph-client';

/** Throughput, pair rate, API-call rate limits: back off and retry. */
const RATE_LIMITS = new Set([130429, 131056, 4, 80007, 613, 17, 32]);
/** Meta is busy or in maintenance: retry. */
const TRANSIENT = new Set([1, 2, 131000, 131016, 131057]);
const ACCOUNT = new Set([0, 3, 10, 190, 200, 368, 131005, 131031, 131042, 131045, 131064, 133010]);

const TEXT: Record<DeliveryErrorCode, string> = {
  WHATSAPP_WINDOW_CLOSED: 'More than 24 hours have passed since the customer last wrote: send an approved template instead',
  WHATSAPP_UNDELIVERABLE: 'WhatsApp could not deliver it: the number may not be on WhatsApp, or the customer must update the app or accept the terms',
  WHATSAPP_TEMPLATE_PROBLEM: 'WhatsApp refused the template: the fields do not match it, or it does not exist in this language',
  WHATSAPP_TEMPLATE_PAUSED: 'WhatsApp paused or disabled this template',
  WHATSAPP_MARKETING_LIMIT: 'WhatsApp held it back: this customer already got enough marketing messages; try again in a day or more',
  WHATSAPP_OPTED_OUT: 'The customer stopped marketing messages from this business',
  WHATSAPP_ACCOUNT_PROBLEM: 'The WhatsApp account has a problem (access token, permissions or billing): tell an administrator',
  WHATSAPP_RATE_LIMITED: 'WhatsApp kept refusing for sending too fast, after every retry',
  WHATSAPP_UNAVAILABLE: 'WhatsApp could not be reached, after every retry',
  WHATSAPP_SEND_FAILED: 'WhatsApp did not accept the message',
  WHATSAPP_SEND_UNCONFIRMED: 'WhatsApp never confirmed the message, so it was not sent again: it may not have reached the customer',
};

export function failure(code: DeliveryErrorCode, metaCode?: number | null): DeliveryFailure {
  return { code, message: metaCode === undefined || metaCode === null ? `${TEXT[code]}.` : `${TEXT[code]} (Meta error ${metaCode}).` };
}

/** The final failure a Meta error code means (from a send or from a `failed` status webhook). */
export function failureCodeFor(metaCode: number | null): DeliveryErrorCode {
  if (metaCode === null) return 'WHATSAPP_SEND_FAILED';
  if (metaCode === 131047) return 'WHATSAPP_WINDOW_CLOSED';
  if (metaCode === 131026) return 'WHATSAPP_UNDELIVERABLE';
  if (metaCode === 132015 || metaCode === 132016) return 'WHATSAPP_TEMPLATE_PAUSED';
  if (metaCode >= 132000 && metaCode <= 132099) return 'WHATSAPP_TEMPLATE_PROBLEM';
  if (metaCode === 131049) return 'WHATSAPP_MARKETING_LIMIT';
  if (metaCode === 131050) return 'WHATSAPP_OPTED_OUT';
  if (ACCOUNT.has(metaCode)) return 'WHATSAPP_ACCOUNT_PROBLEM';
  if (RATE_LIMITS.has(metaCode)) return 'WHATSAPP_RATE_LIMITED';
  if (TRANSIENT.has(metaCode)) return 'WHATSAPP_UNAVAILABLE';
  return 'WHATSAPP_SEND_FAILED';
}

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
