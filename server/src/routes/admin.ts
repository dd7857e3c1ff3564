import type { FastifyInstance } from 'fastify';
import { WebhookFailureQuery } from '../../../shared/api/admin';
import { requireRole } from '../auth/guard';
import { ProblemError } from '../errors';
import { listFailedItems, replayFailedItem } from '../repo/webhooks';
import { serverTime, type RouteContext } from './context';
import { parse } from './validate';

/**
 * Webhook items the server gave up on (applied MAX_ATTEMPTS times without success, or a delivery
 * that could not be read): administrators list them and put one back in the queue once the cause
 * is fixed. Nothing a provider delivered is ever dropped silently.
 */
export async function adminRoutes(app: FastifyInstance, ctx: RouteContext) {
  const admin = requireRole(ctx.tokens, ['administrator']);

  app.get('/admin/webhook-failures', { preHandler: admin }, async (request) => {
    const { limit = 50, before } = parse(WebhookFailureQuery, request.query);
    const items = await listFailedItems(ctx.db, limit, before);
    return { items, nextCursor: items.length === limit ? items.at(-1)!.id : null, serverTime: serverTime(ctx.clock) };
  });

  app.post('/admin/webhook-failures/:id/replay', { preHandler: admin }, async (request, reply) => {
    const id = (request.params as { id?: string }).id ?? '';
    if (!/^\d{1,18}$/.test(id) || !(await replayFailedItem(ctx.db, id, ctx.clock.now()))) {
      throw new ProblemError('NOT_FOUND', 'No parked webhook item with this id.');
    }
    ctx.provider.kick();
    return reply.code(202).send({ id, state: 'pending', serverTime: serverTime(ctx.clock) });
  });
}
