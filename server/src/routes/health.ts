import type { FastifyInstance } from 'fastify';
import { databaseReachable } from '../repo/health';
import { serverTime, type RouteContext } from './context';

export async function healthRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.get('/health', async (_request, reply) => {
    const database = (await databaseReachable(ctx.db)) ? ('ok' as const) : ('unreachable' as const);
    return reply
      .code(database === 'ok' ? 200 : 503)
      .send({ status: database === 'ok' ? 'ok' : 'degraded', database, serverTime: serverTime(ctx.clock) });
  });
}
