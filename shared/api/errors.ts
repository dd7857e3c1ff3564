/**
 * Stable error codes. The server sends them in problem+json bodies (`code`); the desktop core
 * adds the client-side ones (network, timeout); the renderer maps every code to translated text
 * under the i18n key `error.<CODE>`.
 */
export const SERVER_ERROR_CODES = [
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  /** 403: the right password for an account an administrator turned off. */
  'ACCOUNT_DEACTIVATED',
  /** 409: an administrator cannot deactivate their own account (someone must be left to turn it back on). */
  'CANNOT_DEACTIVATE_SELF',
  'SESSION_EXPIRED',
  'RATE_LIMITED',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'ROLE_NOT_ALLOWED',
  'WINDOW_CLOSED',
  'CONVERSATION_CLOSED',
  /** 409: someone else has this conversation; the problem's `assignee` names them. Take or transfer it first. */
  'CONVERSATION_ASSIGNED_TO_OTHER',
  'CONTACT_HAS_OPEN_SESSION',
  'CONTACT_IN_CHATBOT',
  'TEMPLATE_NOT_APPROVED',
  'TEMPLATE_PARAMETERS_INVALID',
  /** 422: approved, but with content we cannot send correctly (carousel, catalog...); the detail says which. */
  'TEMPLATE_NOT_SENDABLE',
  /** 409: a MARKETING template to a customer who stopped marketing messages in WhatsApp (Contact.marketingOptOutAt). */
  'CONTACT_OPTED_OUT_OF_MARKETING',
  'MAX_WAIT_OUT_OF_RANGE',
  'CHANNEL_NOT_WHATSAPP',
  'IDEMPOTENCY_KEY_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'TICKET_NOT_USABLE',
  /** 413: larger than WhatsApp takes for its type (shared/api/attachments.ts). */
  'ATTACHMENT_TOO_LARGE',
  /** 415: a kind of file WhatsApp does not take (judged by its content, not its name). */
  'ATTACHMENT_TYPE_NOT_ALLOWED',
  /** 409: inbound media still being fetched from WhatsApp, or WhatsApp would not give it. */
  'ATTACHMENT_NOT_READY',
  /** 422: a rate card with bad rows; `errors` name each row (`row 7` of the CSV, `markets[2]` of the JSON). */
  'RATE_CARD_INVALID',
  'SERVICE_UNAVAILABLE',
  /** 413: a request body larger than the server takes. */
  'PAYLOAD_TOO_LARGE',
  /** 431: request headers larger than the server takes. */
  'HEADERS_TOO_LARGE',
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
  /** A setting that IT policy sets cannot be changed on this machine. */
  'SETTING_MANAGED',
  /** Opening an attachment with the computer's app: not a type WhatsApp takes (never anything that could run). */
  'FILE_TYPE_NOT_OPENABLE',
  /** Opening an attachment: it could not be written, no app opens it, or this shell cannot open files. */
  'FILE_OPEN_FAILED',
  /** The IPC payload did not match the contract. */
  'INVALID_REQUEST',
  /** Anything else: a bug, shown as a generic message (never a stack trace). */
  'UNKNOWN',
] as const;

/**
 * Why WhatsApp did not deliver an outbound message: `message.error.code` of a failed message
 * (the server's provider maps Meta's error codes to these; `message.error.message` is English).
 */
export const DELIVERY_ERROR_CODES = [
  /** 131047: more than 24 hours since the customer last wrote; a template is needed. */
  'WHATSAPP_WINDOW_CLOSED',
  /** 131026: not on WhatsApp, terms not accepted, or an old app. */
  'WHATSAPP_UNDELIVERABLE',
  /** 132000-132014: parameters or content do not fit the template (or it is missing). */
  'WHATSAPP_TEMPLATE_PROBLEM',
  /** 132015/132016, or paused or disabled before the send went out. */
  'WHATSAPP_TEMPLATE_PAUSED',
  /** 131049: Meta's per-customer marketing limit; try again in a day or more. */
  'WHATSAPP_MARKETING_LIMIT',
  /** 131050: the customer stopped marketing messages from this business. */
  'WHATSAPP_OPTED_OUT',
  /** Access token, permissions, billing or a restricted account. */
  'WHATSAPP_ACCOUNT_PROBLEM',
  /** Still rate limited after every retry. */
  'WHATSAPP_RATE_LIMITED',
  /** WhatsApp could not be reached after every retry. */
  'WHATSAPP_UNAVAILABLE',
  /** Anything else WhatsApp refused. */
  'WHATSAPP_SEND_FAILED',
  /** The send may have reached WhatsApp but was never confirmed; it is not sent again by itself. */
  'WHATSAPP_SEND_UNCONFIRMED',
] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];
export type DeliveryErrorCode = (typeof DELIVERY_ERROR_CODES)[number];
export type ErrorCode = ServerErrorCode | ClientErrorCode | DeliveryErrorCode;

export const ERROR_CODES: readonly ErrorCode[] = [...SERVER_ERROR_CODES, ...CLIENT_ERROR_CODES, ...DELIVERY_ERROR_CODES];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
