import type { FastifyInstance } from 'fastify';
import { ConsumptionQuery, type ConsumptionReport } from '../../../shared/api/consumption';
import { requireRole } from '../auth/guard';
import { ProblemError } from '../errors';
import { serverTime, type RouteContext } from './context';
import { parse } from './validate';

const DAY_MS = 24 * 3600_000;
const MAX_RANGE_DAYS = 366;

/** Billable interactions (opened 24-hour windows), for supervisors and administrators. */
export async function consumptionRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.get('/consumption', { preHandler: requireRole(ctx.tokens, ['supervisor', 'administrator']) }, async (request): Promise<ConsumptionReport> => {
    const query = parse(ConsumptionQuery, request.query);
    const to = query.to ? new Date(query.to) : ctx.clock.now();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to || to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
      throw new ProblemError('VALIDATION_FAILED', `from must be before to, at most ${MAX_RANGE_DAYS} days apart.`, {
        errors: [{ path: 'from', message: 'out of range' }],
      });
    }
    const grouping = {
      day: { key: `to_char(i.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`, label: 'NULL', order: 'key ASC' },
      agent: { key: `COALESCE(i.agent_id::text, 'none')`, label: 'max(u.name)', order: 'count DESC, key ASC' },
      category: { key: 'i.category', label: 'NULL', order: 'count DESC, key ASC' },
    }[query.groupBy];
    const { rows } = await ctx.db.query<{ key: string; label: string | null; count: number }>(
      `SELECT ${grouping.key} AS key, ${grouping.label} AS label, count(*)::int AS count
       FROM interactions i LEFT JOIN users u ON u.id = i.agent_id
       WHERE i.opened_at >= $1 AND i.opened_at < $2
       GROUP BY 1 ORDER BY ${grouping.order}`,
      [from, to],
    );
    return {
      groupBy: query.groupBy,
      from: from.toISOString(),
      to: to.toISOString(),
      total: rows.reduce((sum, r) => sum + r.count, 0),
      items: rows.map((r) => ({ key: r.key, label: r.label, count: r.count })),
      serverTime: serverTime(ctx.clock),
    };
  });
}
