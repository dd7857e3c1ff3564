import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ServerErrorCode } from '../../shared/api/errors';

const STATUS: Record<ServerErrorCode, number> = {
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_DEACTIVATED: 403,
  CANNOT_DEACTIVATE_SELF: 409,
  SESSION_EXPIRED: 401,
  RATE_LIMITED: 429,
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  ROLE_NOT_ALLOWED: 403,
  WINDOW_CLOSED: 409,
  CONVERSATION_CLOSED: 409,
  CONVERSATION_ASSIGNED_TO_OTHER: 409,
  CONTACT_HAS_OPEN_SESSION: 409,
  CONTACT_IN_CHATBOT: 409,
  TEMPLATE_NOT_APPROVED: 422,
  TEMPLATE_PARAMETERS_INVALID: 422,
  TEMPLATE_NOT_SENDABLE: 422,
  CONTACT_OPTED_OUT_OF_MARKETING: 409,
  MAX_WAIT_OUT_OF_RANGE: 422,
  CHANNEL_NOT_WHATSAPP: 422,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  IDEMPOTENCY_KEY_REUSED: 422,
  TICKET_NOT_USABLE: 422,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  ATTACHMENT_NOT_READY: 409,
  RATE_CARD_INVALID: 422,
  SERVICE_UNAVAILABLE: 503,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
};

export interface ProblemExtras {
  errors?: { path: string; message: string }[];
  retryAt?: string | null;
  /** CONVERSATION_ASSIGNED_TO_OTHER: who has the conversation. */
  assignee?: { id: string; name: string };
}

/** A refusal with a stable code, sent as application/problem+json. */
export class ProblemError extends Error {
  readonly status: number;
  constructor(
    readonly code: ServerErrorCode,
    detail: string,
    readonly extras: ProblemExtras = {},
  ) {
    super(detail);
    this.status = STATUS[code];
  }
}

export function problemBody(code: ServerErrorCode, detail: string, extras: ProblemExtras = {}) {
  return { type: 'about:blank', title: code, status: STATUS[code], code, detail, ...extras };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .type('application/problem+json')
      .send(problemBody('NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });
  app.setErrorHandler((error: FastifyError | ProblemError, request, reply) => {
    if (error instanceof ProblemError) {
      if (error.code === 'RATE_LIMITED' && error.extras.retryAt) reply.header('retry-after', retryAfterSeconds(error.extras.retryAt));
      return reply.code(error.status).type('application/problem+json').send(problemBody(error.code, error.message, error.extras));
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status === 429) {
      return reply.code(429).type('application/problem+json').send(problemBody('RATE_LIMITED', 'Too many attempts; wait a minute and try again.'));
    }
    if (status === 413) {
      return reply.code(413).type('application/problem+json').send(problemBody('PAYLOAD_TOO_LARGE', 'The request body is larger than this server takes.'));
    }
    if (status >= 400 && status < 500) {
      // Fastify's own refusals (malformed JSON, body too large, bad content type).
      return reply.code(400).type('application/problem+json').send(problemBody('VALIDATION_FAILED', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).type('application/problem+json').send(problemBody('INTERNAL', 'Something went wrong on the server.'));
  });
}

function retryAfterSeconds(retryAt: string): string {
  return String(Math.max(1, Math.ceil((Date.parse(retryAt) - Date.now()) / 1000)));
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers too large, malformed
 * request lines) still get problem+json, then the connection closes.
 */
export function handleClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const code: ServerErrorCode = tooLarge ? 'HEADERS_TOO_LARGE' : 'VALIDATION_FAILED';
  const body = JSON.stringify(problemBody(code, tooLarge ? 'The request headers are larger than this server takes.' : 'The request could not be read as HTTP.'));
  socket.end(
    `HTTP/1.1 ${STATUS[code]} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `content-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
