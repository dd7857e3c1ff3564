/**
 * Stable error codes. The server sends them in problem+json bodies (`code`); the desktop core
 * adds the client-side ones (network, timeout); the renderer maps every code to translated text
 * under the i18n key `error.<CODE>`.
 */
export const SERVER_ERROR_CODES = [
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'SESSION_EXPIRED',
  'RATE_LIMITED',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'ROLE_NOT_ALLOWED',
  'WINDOW_CLOSED',
  'CONVERSATION_CLOSED',
  'CONTACT_HAS_OPEN_SESSION',
  'CONTACT_IN_CHATBOT',
  'TEMPLATE_NOT_APPROVED',
  'TEMPLATE_PARAMETERS_INVALID',
  'MAX_WAIT_OUT_OF_RANGE',
  'CHANNEL_NOT_WHATSAPP',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'TICKET_NOT_USABLE',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export const CLIENT_ERROR_CODES = [
  /** The server could not be reached at all (refused, DNS, offline). */
  'NETWORK_ERROR',
  /** The server did not answer in time. */
  'TIMEOUT',
  /** The server URL the user typed is not a valid http(s) URL. */
  'INVALID_SERVER_URL',
  /** Not signed in (no session in the desktop core). */
  'NOT_SIGNED_IN',
  /** The IPC payload did not match the contract. */
  'INVALID_REQUEST',
  /** Anything else: a bug, shown as a generic message (never a stack trace). */
  'UNKNOWN',
] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type ErrorCode = ServerErrorCode | ClientErrorCode;

export const ERROR_CODES: readonly ErrorCode[] = [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
