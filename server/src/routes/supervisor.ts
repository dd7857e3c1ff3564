import type { FastifyInstance } from 'fastify';
import { ExpiringQuery, type ExpiringSession } from '../../../shared/api/supervisor';
import { conversationDeadline } from '../../../shared/domain/deadline';
import { requireRole } from '../auth/guard';
import { listExpiringCandidates } from '../repo/supervisor';
import { serverTime, type RouteContext } from './context';
import { parse } from './validate';

export async function supervisorRoutes(app: FastifyInstance, ctx: RouteContext) {
  app.get('/supervisor/expiring', { preHandler: requireRole(ctx.tokens, ['supervisor', 'administrator']) }, async (request) => {
    const { withinMinutes } = parse(ExpiringQuery, request.query);
    const now = ctx.clock.now();
    const until = new Date(now.getTime() + withinMinutes * 60_000);
    const items: ExpiringSession[] = [];
    for (const c of await listExpiringCandidates(ctx.db, now, until)) {
      const deadline = conversationDeadline(c);
      if (!deadline) continue;
      const at = Date.parse(deadline.at);
      if (at <= now.getTime() || at > until.getTime()) continue;
      items.push({
        conversationId: c.conversationId,
        state: c.state,
        contact: c.contact,
        agent: c.agent,
        kind: deadline.kind,
        deadline: deadline.at,
        secondsLeft: Math.max(0, Math.floor((at - now.getTime()) / 1000)),
      });
    }
    // Most urgent first.
    items.sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline) || a.conversationId.localeCompare(b.conversationId));
    return { items, serverTime: serverTime(ctx.clock) };
  });
}
