/**
 * Why an outbound message failed, as the console shows it, for every provider: a stable code
 * (shared/api/errors.ts, translated as `error.<code>`) with an English sentence, and what WhatsApp's
 * own error codes mean (whatsapp-protocol.md §1.5, §1.6). Meta reports those codes directly; Zenvia
 * passes them on as a status cause's `channelErrorCode` (§2.4), so both providers read them here.
 */
import type { DeliveryErrorCode } from '../../../shared/api/errors';
import type { DeliveryFailure } from './types';

/** Throughput, pair rate, API-call rate limits: back off and retry. */
export const RATE_LIMITS = new Set([130429, 131056, 4, 80007, 613, 17, 32]);
/** Meta is busy or in maintenance: retry. */
export const TRANSIENT = new Set([1, 2, 131000, 131016, 131057]);
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

/**
 * Whether a code another party passed on is one of Meta's WhatsApp codes (the 13xxxx range, or one
 * of the platform codes above): only then is it read, and shown, as a Meta error.
 */
export function isMetaErrorCode(code: number): boolean {
  return Number.isInteger(code) && ((code >= 130000 && code <= 139999) || failureCodeFor(code) !== 'WHATSAPP_SEND_FAILED');
}
