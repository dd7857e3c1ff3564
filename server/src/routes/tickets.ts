import type { FastifyInstance } from 'fastify';
import { BoundedIsoDate } from '../../../shared/api/schemas';
import { TicketListQuery, TicketNote, TicketUpdate } from '../../../shared/api/tickets';
import { currentUser, requireRole, SENDING_ROLES } from '../auth/guard';
import { ProblemError } from '../errors';
import { isUuid } from '../repo/conversations';
import { addTicketNote, updateTicket } from '../repo/ticket-writes';
import { findTicket, listTickets } from '../repo/tickets';
import { findActiveUser } from '../repo/users';
import { serverTime, type RouteContext } from './context';
import { idParam, parse } from './validate';

function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t: unknown; id: unknown };
    // Checked after decoding: an id and a time the database takes, or it is not one of ours.
    if (typeof value.id !== 'string' || !isUuid(value.id) || !BoundedIsoDate.safeParse(value.t).success) throw new Error('cursor');
    return { updatedAt: value.t as string, id: value.id };
  } catch {
    throw new ProblemError('VALIDATION_FAILED', 'The cursor is not one this server gave out.', { errors: [{ path: 'cursor', message: 'invalid cursor' }] });
  }
}

export async function ticketRoutes(app: FastifyInstance, ctx: RouteContext) {
  const anyone = requireRole(ctx.tokens);
  const workers = requireRole(ctx.tokens, SENDING_ROLES);

  app.get('/tickets', { preHandler: anyone }, async (request) => {
    const query = parse(TicketListQuery, request.query);
    const limit = query.limit ?? 50;
    const assignee = query.assignee === 'me' ? currentUser(request).id : query.assignee === 'none' ? null : query.assignee;
    if (assignee && !isUuid(assignee)) throw new ProblemError('VALIDATION_FAILED', 'assignee must be a user id, me or none.', { errors: [{ path: 'assignee', message: 'invalid' }] });
    const items = await listTickets(ctx.db, { q: query.q?.trim() || undefined, statuses: query.status?.split(','), assigneeId: assignee, contactId: query.contactId, limit, cursor: decodeCursor(query.cursor) });
    const last = items.length === limit ? items[items.length - 1] : undefined;
    return {
      items,
      nextCursor: last ? Buffer.from(JSON.stringify({ t: last.updatedAt, id: last.id })).toString('base64url') : null,
      serverTime: serverTime(ctx.clock),
    };
  });

  app.get('/tickets/:id', { preHandler: anyone }, async (request) => {
    const ticket = await findTicket(ctx.db, idParam(request.params, 'ticket'), currentUser(request).role);
    if (!ticket) throw new ProblemError('NOT_FOUND', 'No such ticket.');
    return { ...ticket, serverTime: serverTime(ctx.clock) };
  });

  app.patch('/tickets/:id', { preHandler: workers }, async (request) => {
    const id = idParam(request.params, 'ticket');
    const change = parse(TicketUpdate, request.body);
    if (change.assigneeId && !(await findActiveUser(ctx.db, change.assigneeId))) {
      throw new ProblemError('VALIDATION_FAILED', 'No such user to assign.', { errors: [{ path: 'assigneeId', message: 'unknown user' }] });
    }
    if (!(await updateTicket(ctx.db, id, change, ctx.clock.now()))) throw new ProblemError('NOT_FOUND', 'No such ticket.');
    return { ...(await findTicket(ctx.db, id, currentUser(request).role))!, serverTime: serverTime(ctx.clock) };
  });

  app.post('/tickets/:id/notes', { preHandler: workers }, async (request, reply) => {
    const id = idParam(request.params, 'ticket');
    const { text } = parse(TicketNote, request.body);
    const user = currentUser(request);
    const now = ctx.clock.now();
    const done = await ctx.db.transaction((tx) => addTicketNote(tx, id, user.id, text, now));
    if (!done) throw new ProblemError('NOT_FOUND', 'No such ticket.');
    return reply.code(201).send({ ...(await findTicket(ctx.db, id, user.role))!, serverTime: serverTime(ctx.clock) });
  });
}
