import type { FastifyInstance } from 'fastify';
import { ContactConversationsQuery } from '../../../shared/api/inbox';
import { ContactListQuery } from '../../../shared/api/schemas';
import { ASSIGNABLE_ROLES } from '../../../shared/domain/inbox';
import { currentUser, requireRole } from '../auth/guard';
import { ProblemError } from '../errors';
import { findContact, listContacts } from '../repo/contacts';
import { listContactConversations } from '../repo/conversations';
import { listActiveUsers } from '../repo/users';
import { serverTime, type RouteContext } from './context';
import { idParam, parse } from './validate';

export async function contactRoutes(app: FastifyInstance, ctx: RouteContext) {
  const anyone = requireRole(ctx.tokens);

  app.get('/contacts', { preHandler: anyone }, async (request) => {
    const query = parse(ContactListQuery, request.query);
    const items = await listContacts(ctx.db, query.q?.trim() || undefined, query.limit ?? 50, currentUser(request).role);
    return { items, serverTime: serverTime(ctx.clock) };
  });

  app.get('/contacts/:id', { preHandler: anyone }, async (request) => {
    const contact = await findContact(ctx.db, idParam(request.params, 'contact'), currentUser(request).role);
    if (!contact) throw new ProblemError('NOT_FOUND', 'No such contact.');
    return { ...contact, serverTime: serverTime(ctx.clock) };
  });

  /** The contact's conversations, newest first: the chat scrolls back through them. */
  app.get('/contacts/:id/conversations', { preHandler: anyone }, async (request) => {
    const id = idParam(request.params, 'contact');
    const query = parse(ContactConversationsQuery, request.query);
    if (!(await findContact(ctx.db, id, currentUser(request).role))) throw new ProblemError('NOT_FOUND', 'No such contact.');
    const limit = query.limit ?? 20;
    const items = await listContactConversations(ctx.db, id, limit, query.before);
    return { items, nextCursor: items.length === limit ? items.at(-1)!.id : null, serverTime: serverTime(ctx.clock) };
  });

  /** Who a conversation may be given to (Transfer): active agents, operators and administrators. */
  app.get('/assignees', { preHandler: anyone }, async () => ({
    items: (await listActiveUsers(ctx.db, ASSIGNABLE_ROLES)).map(({ id, name, role }) => ({ id, name, role })),
    serverTime: serverTime(ctx.clock),
  }));
}
