import type { FastifyInstance } from 'fastify';
import { ExpiringQuery } from '../../../shared/api/supervisor';
import { requireRole } from '../auth/guard';
import { isoRequired } from '../repo/rows';
import { serverTime, type RouteContext } from './context';
import { parse } from './validate';

export async function supervisorRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.get('/supervisor/expiring', { preHandler: requireRole(ctx.tokens, ['supervisor', 'administrator']) }, async (request) => {
    const { withinMinutes } = parse(ExpiringQuery, request.query);
    const now = ctx.clock.now();
    const until = new Date(now.getTime() + withinMinutes * 60_000);
    const { rows } = await ctx.db.query<{
      id: string; state: 'open' | 'waiting'; deadline: Date; contact_id: string; contact_name: string; contact_phone: string | null;
      assignee_id: string | null; assignee_name: string | null;
    }>(
      `SELECT c.id, c.state, CASE WHEN c.state = 'open' THEN c.window_expires_at ELSE c.auto_close_at END AS deadline,
              ct.id AS contact_id, ct.name AS contact_name, ct.phone AS contact_phone, u.id AS assignee_id, u.name AS assignee_name
       FROM conversations c JOIN contacts ct ON ct.id = c.contact_id LEFT JOIN users u ON u.id = c.assignee_id
       WHERE (c.state = 'open' AND c.window_expires_at > $1 AND c.window_expires_at <= $2)
          OR (c.state = 'waiting' AND c.auto_close_at > $1 AND c.auto_close_at <= $2)
       ORDER BY deadline ASC`,
      [now, until],
    );
    return {
      items: rows.map((r) => ({
        conversationId: r.id,
        state: r.state,
        contact: { id: r.contact_id, name: r.contact_name, phone: r.contact_phone },
        agent: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
        kind: r.state === 'open' ? ('window' as const) : ('auto_close' as const),
        deadline: isoRequired(r.deadline),
        secondsLeft: Math.max(0, Math.floor((new Date(r.deadline).getTime() - now.getTime()) / 1000)),
      })),
      serverTime: serverTime(ctx.clock),
    };
  });
}
