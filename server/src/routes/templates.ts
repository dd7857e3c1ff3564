import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { TemplateListQuery, TemplateSendRequest } from '../../../shared/api/templates';
import { currentUser, requireRole } from '../auth/guard';
import { ProblemError } from '../errors';
import { listTemplates } from '../repo/templates';
import { serverTime, type RouteContext } from './context';
import { parse } from './validate';

const IdempotencyKey = z.string().trim().min(8).max(200);

export async function templateRoutes(app: FastifyInstance, ctx: RouteContext) {
  const anyone = requireRole(ctx.tokens);

  app.get('/templates', { preHandler: anyone }, async (request) => {
    const query = parse(TemplateListQuery, request.query);
    if (query.status && query.status !== 'APPROVED' && currentUser(request).role !== 'administrator') {
      throw new ProblemError('ROLE_NOT_ALLOWED', 'Only administrators may list templates that cannot be sent.');
    }
    return { items: await listTemplates(ctx.db, query), serverTime: serverTime(ctx.clock) };
  });

  // Administrators only: read every template from the provider now (the sandbox just counts its own).
  app.post('/templates/sync', { preHandler: requireRole(ctx.tokens, ['administrator']) }, async () => {
    const synced = await ctx.provider.syncTemplates();
    return { provider: ctx.provider.name, synced, serverTime: serverTime(ctx.clock) };
  });

  // Authentication first, then validation, then the role (checked by the send itself).
  app.post('/template-sends', { preHandler: anyone }, async (request, reply) => {
    const body = parse(TemplateSendRequest, request.body);
    const key = IdempotencyKey.safeParse(request.headers['idempotency-key']);
    if (!key.success) {
      throw new ProblemError('IDEMPOTENCY_KEY_REQUIRED', 'Send an Idempotency-Key header (8 to 200 characters) so a retry never sends twice.');
    }
    const result = await ctx.templateSends.send(currentUser(request), key.data, body);
    return reply.code(201).send(result);
  });
}
