import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { LoginRequest, LogoutRequest, RefreshRequest } from '../../../shared/api/schemas';
import { currentUser, requireRole } from '../auth/guard';
import { normalizeEmail } from '../auth/identity';
import { dummyHash, verifyPassword } from '../auth/passwords';
import { ProblemError } from '../errors';
import { findActiveUser, findUserByEmail } from '../repo/users';
import type { RouteContext } from './context';
import { parse } from './validate';

export async function authRoutes(app: FastifyInstance, ctx: RouteContext) {
  await app.register(rateLimit, { global: false, hook: 'preHandler' });

  app.post(
    '/auth/login',
    {
      config: {
        rateLimit: {
          max: ctx.loginRateLimit.max,
          timeWindow: ctx.loginRateLimit.timeWindowMs,
          // Per address and account (spelled as sign-in reads it): one person's typos do not lock out the office,
          // and no padded or capitalised spelling of the account gets guesses of its own.
          keyGenerator: (request) => `${request.ip}|${normalizeEmail((request.body as { email?: unknown } | undefined)?.email)}`,
          errorResponseBuilder: (_request, context) =>
            new ProblemError('RATE_LIMITED', `Too many sign-in attempts; try again in ${Math.ceil(context.ttl / 1000)} s.`, {
              retryAt: new Date(Date.now() + context.ttl).toISOString(),
            }),
        },
      },
    },
    async (request) => {
      const { email, password } = parse(LoginRequest, request.body);
      const user = await findUserByEmail(ctx.db, email);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
      if (!user || !ok) throw new ProblemError('INVALID_CREDENTIALS', 'E-mail or password is wrong.');
      // Said only to whoever knows the password: a guesser learns nothing about the account.
      if (user.deactivated) throw new ProblemError('ACCOUNT_DEACTIVATED', 'This account has been deactivated; ask an administrator.');
      const { passwordHash: _hidden, deactivated: _off, ...publicUser } = user;
      return ctx.tokens.issue(publicUser);
    },
  );

  app.post('/auth/refresh', async (request) => {
    const { refreshToken } = parse(RefreshRequest, request.body);
    return ctx.tokens.rotate(refreshToken, (id, tx) => findActiveUser(tx, id));
  });

  app.post('/auth/logout', async (request, reply) => {
    const { refreshToken } = parse(LogoutRequest, request.body);
    await ctx.tokens.revoke(refreshToken);
    return reply.code(204).send();
  });

  app.get('/me', { preHandler: requireRole(ctx.tokens) }, async (request) => {
    const user = await findActiveUser(ctx.db, currentUser(request).id);
    if (!user) throw new ProblemError('UNAUTHENTICATED', 'This account no longer exists or has been deactivated.');
    return user;
  });
}
