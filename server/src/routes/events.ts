import type { FastifyInstance } from 'fastify';
import { requireRole } from '../auth/guard';
import type { StoredEvent } from '../events/bus';
import type { RouteContext } from './context';
import { SequenceGaps } from '../events/sequence-gaps';

const PING_MS = 15_000;

/**
 * Server-Sent Events. A client resuming with `Last-Event-ID` first gets every event after it from
 * the log, then the live ones, with no gap and no repeat.
 */
export async function eventRoutes(app: FastifyInstance, ctx: RouteContext, streams: Set<() => void>) {
  app.get('/events', { preHandler: requireRole(ctx.tokens) }, async (request, reply) => {
    const header = request.headers['last-event-id'] ?? (request.query as { lastEventId?: string }).lastEventId;
    const requested = Number(Array.isArray(header) ? header[0] : header);
    const resumeFrom = Number.isInteger(requested) && requested >= 0 ? requested : null;

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');

    let lastSent = resumeFrom ?? (await ctx.bus.latestSeq());
    let replaying = true;
    let closed = false;
    const pending: StoredEvent[] = [];
    const send = (event: StoredEvent) => {
      if (event.seq <= lastSent) return;
      lastSent = event.seq;
      const data = JSON.stringify({ ...event.body, id: String(event.seq), serverTime: ctx.clock.now().toISOString() });
      res.write(`id: ${event.seq}\nevent: ${event.body.type}\ndata: ${data}\n\n`);
    };
    // Two transactions can commit out of sequence order. A client that got event n+1 would skip n
    // when it resumes after n+1, so events are sent strictly in sequence: one that comes early
    // waits (briefly) for the ones before it; a number that never commits (a rolled-back
    // transaction) is skipped after GAP_WAIT_MS.
    const gaps = new SequenceGaps(
      () => lastSent,
      send,
      () => (closed ? Promise.resolve([]) : ctx.bus.since(lastSent)),
    );
    const unsubscribe = ctx.bus.subscribe((event) => (replaying ? pending.push(event) : gaps.offer(event)));
    const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
    const end = () => {
      closed = true;
      gaps.stop();
      clearInterval(ping);
      unsubscribe();
      streams.delete(end);
      if (!res.writableEnded) res.end();
    };
    streams.add(end);
    request.raw.on('close', end);

    try {
      if (resumeFrom !== null) {
        for (let batch = await ctx.bus.since(lastSent); batch.length; batch = await ctx.bus.since(lastSent)) batch.forEach(send);
      }
    } finally {
      replaying = false;
      pending.sort((a, b) => a.seq - b.seq).forEach((event) => gaps.offer(event));
    }
  });
}
