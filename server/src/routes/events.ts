import type { FastifyInstance } from 'fastify';
import { currentUser, requireRole } from '../auth/guard';
import { ProblemError } from '../errors';
import type { RouteContext } from './context';

const PING_MS = 15_000;
const PING = ': ping\n\n';
/** How often an open stream checks that its session is still live (sign-out, deactivation end it). */
const SESSION_CHECK_MS = 5_000;
/** A client this far behind (unread bytes) is dropped; it resumes with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Server-Sent Events. A client resuming with `Last-Event-ID` first gets every event after it from
 * the log, then the live ones, with no gap and no repeat (see EventBus.open).
 */
export async function eventRoutes(app: FastifyInstance, ctx: RouteContext, streams: Set<() => void>) {
  app.get('/events', { preHandler: requireRole(ctx.tokens) }, async (request, reply) => {
    const user = currentUser(request);
    const resumeFrom = lastEventId(request.headers['last-event-id'] ?? (request.query as { lastEventId?: unknown }).lastEventId);

    reply.hijack();
    const res = reply.raw;
    // The stream lasts as long as its connection, so it needs no chunked encoding: each client is
    // written the very bytes EventBus serialized once for all, straight to its socket.
    res.removeHeader('transfer-encoding');
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'close',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const socket = res.socket;
    if (!socket) return void res.end(); // the client left before the stream opened
    // The bus hands each client the events it delivers together as one Buffer (the very bytes
    // every client that may see them all gets), so each is one send, written here at once: no
    // copy per client, no waiting for a later tick.
    const write = (bytes: Buffer | string) => {
      if (socket.writableLength > MAX_BUFFERED_BYTES) return void end();
      socket.write(bytes);
    };

    const stream = ctx.bus.open({ id: user.id, role: user.role }, resumeFrom, write);
    const ping = setInterval(() => write(PING), PING_MS);
    const check = setInterval(() => {
      ctx.tokens.isLive(user.sid).then((live) => live || end(), () => undefined);
    }, SESSION_CHECK_MS);
    function end() {
      stream.close();
      clearInterval(ping);
      clearInterval(check);
      streams.delete(end);
      if (!res.writableEnded) res.end();
    }
    streams.add(end);
    request.raw.on('close', end);
    // A replay that fails ends the stream; the client comes back with its Last-Event-ID.
    stream.ready.catch(end);
  });
}

/**
 * The sequence number a client resumes after: none when absent or empty, else a decimal integer
 * this server could have given out. Anything else is refused before the stream opens (a client
 * would otherwise sit on a stream that cannot resume where it thinks).
 */
function lastEventId(value: unknown): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === null || text === '') return null;
  const id = typeof text === 'string' && /^\d{1,16}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(id)) {
    throw new ProblemError('VALIDATION_FAILED', 'Last-Event-ID must be the id of an event this server sent (a non-negative integer).', {
      errors: [{ path: 'Last-Event-ID', message: 'not an event id' }],
    });
  }
  return id;
}
