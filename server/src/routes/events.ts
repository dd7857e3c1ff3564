import type { FastifyInstance } from 'fastify';
import { currentUser, requireRole } from '../auth/guard';
import type { RouteContext } from './context';

const PING_MS = 15_000;
/** A client this far behind (unread bytes) is dropped; it resumes with Last-Event-ID. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * Server-Sent Events. A client resuming with `Last-Event-ID` first gets every event after it from
 * the log, then the live ones, with no gap and no repeat (see EventBus.open).
 */
export async function eventRoutes(app: FastifyInstance, ctx: RouteContext, streams: Set<() => void>) {
  app.get('/events', { preHandler: requireRole(ctx.tokens) }, async (request, reply) => {
    const user = currentUser(request);
    const header = request.headers['last-event-id'] ?? (request.query as { lastEventId?: string }).lastEventId;
    const requested = Number(Array.isArray(header) ? header[0] : header);
    const resumeFrom = Number.isSafeInteger(requested) && requested >= 0 ? requested : null;

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');

    const stream = ctx.bus.open({ id: user.id, role: user.role }, resumeFrom, (frame) => {
      if (res.writableLength > MAX_BUFFERED_BYTES) end();
      else res.write(frame);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
    function end() {
      stream.close();
      clearInterval(ping);
      streams.delete(end);
      if (!res.writableEnded) res.end();
    }
    streams.add(end);
    request.raw.on('close', end);
    // A replay that fails ends the stream; the client comes back with its Last-Event-ID.
    stream.ready.catch(end);
  });
}
