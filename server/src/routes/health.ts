import type { FastifyInstance } from 'fastify';
import { serverTime, type RouteContext } from './context';

export async function healthRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.get('/health', async (_request, reply) => {
    const database = await ctx.db
      .query('SELECT 1')
      .then(() => 'ok' as const)
      .catch(() => 'unreachable' as const);
    return reply
      .code(database === 'ok' ? 200 : 503)
      .send({ status: database === 'ok' ? 'ok' : 'degraded', database, serverTime: serverTime(ctx.clock) });
  });
}
