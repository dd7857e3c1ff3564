import type { FastifyInstance } from 'fastify';
import { currentUser, requireRole } from '../auth/guard';
import { ProblemError } from '../errors';
import { deactivateAccount, reactivateAccount } from '../auth/accounts';
import { listAccounts } from '../repo/users';
import { serverTime, type RouteContext } from './context';
import { idParam } from './validate';

/**
 * Accounts, for administrators: list them, turn one off (its sessions end at once: access tokens
 * stop working, refresh and sign-in are refused) or back on. Users are created with the server's
 * `create-user` command.
 */
export async function userAdminRoutes(app: FastifyInstance, ctx: RouteContext) {
  const admin = requireRole(ctx.tokens, ['administrator']);

  app.get('/admin/users', { preHandler: admin }, async () => ({ items: await listAccounts(ctx.db), serverTime: serverTime(ctx.clock) }));

  app.post('/admin/users/:id/deactivate', { preHandler: admin }, async (request) => {
    const id = idParam(request.params, 'user');
    if (id === currentUser(request).id) throw new ProblemError('CANNOT_DEACTIVATE_SELF', 'An administrator cannot deactivate their own account.');
    const account = await deactivateAccount(ctx.db, id, ctx.clock.now());
    ctx.tokens.forgetCachedSessions();
    if (!account) throw new ProblemError('NOT_FOUND', 'No user with this id.');
    return account;
  });

  app.post('/admin/users/:id/reactivate', { preHandler: admin }, async (request) => {
    const account = await reactivateAccount(ctx.db, idParam(request.params, 'user'));
    if (!account) throw new ProblemError('NOT_FOUND', 'No user with this id.');
    return account;
  });
}

