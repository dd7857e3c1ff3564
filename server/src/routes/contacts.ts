import type { FastifyInstance } from 'fastify';
import { ContactListQuery } from '../../../shared/api/schemas';
import { currentUser, requireRole } from '../auth/guard';
import { ProblemError } from '../errors';
import { findContact, listContacts } from '../repo/contacts';
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
}
