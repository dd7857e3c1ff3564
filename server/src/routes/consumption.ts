import type { FastifyInstance } from 'fastify';
import { ConsumptionQuery, type ConsumptionReport } from '../../../shared/api/consumption';
import { requireRole } from '../auth/guard';
import { ProblemError } from '../errors';
import { consumptionCsv, consumptionReport } from '../domain/consumption';
import { serverTime, type RouteContext } from './context';
import { parse } from './validate';

const DAY_MS = 24 * 3600_000;
const MAX_RANGE_DAYS = 366;

/** Billable interactions (opened 24-hour windows) and templates with their cost, for supervisors and administrators. */
export async function consumptionRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.get('/consumption', { preHandler: requireRole(ctx.tokens, ['supervisor', 'administrator']) }, async (request, reply): Promise<ConsumptionReport> => {
    const query = parse(ConsumptionQuery, request.query);
    const to = query.to ? new Date(query.to) : ctx.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to || to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new ProblemError('VALIDATION_FAILED', `from must be before to, at most ${MAX_RANGE_DAYS} days apart.`, {
        errors: [{ path: 'from', message: 'out of range' }],
      });
    }
    const report = await consumptionReport(ctx.db, from, to, query.groupBy);
    if (query.format === 'csv') {
      const name = `consumption-${query.groupBy}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(consumptionCsv(report));
    }
    return { ...report, serverTime: serverTime(ctx.clock) };
  });
}
