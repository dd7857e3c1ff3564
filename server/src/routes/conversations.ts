import type { FastifyInstance } from 'fastify';
import { AssignRequest } from '../../../shared/api/inbox';
import { BoundedIsoDate, ConversationListQuery, MessageListQuery, SendTextRequest } from '../../../shared/api/schemas';
import { viewsFor } from '../../../shared/domain/inbox';
import { currentUser, requireRole, SENDING_ROLES } from '../auth/guard';
import { ProblemError } from '../errors';
import { countViews, findConversation, findConversationFor, isUuid, listConversations, markRead } from '../repo/conversations';
import { listMessages } from '../repo/messages';
import { serverTime, type RouteContext } from './context';
import { idParam, parse } from './validate';

function decodeCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t: unknown; id: unknown };
    // Checked after decoding: an id and a time the database takes, or it is not one of ours.
    if (typeof value.id !== 'string' || !isUuid(value.id)) throw new Error('cursor');
    if (value.t !== null && !BoundedIsoDate.safeParse(value.t).success) throw new Error('cursor');
    return { lastMessageAt: value.t as string | null, id: value.id };
  } catch {
    throw new ProblemError('VALIDATION_FAILED', 'The cursor is not one this server gave out.', {
      errors: [{ path: 'cursor', message: 'invalid cursor' }],
    });
  }
}

const encodeCursor = (t: string | null, id: string) => Buffer.from(JSON.stringify({ t, id })).toString('base64url');

export async function conversationRoutes(app: FastifyInstance, ctx: RouteContext) {
  const anyone = requireRole(ctx.tokens);

  app.get('/conversations', { preHandler: anyone }, async (request) => {
    const query = parse(ConversationListQuery, request.query);
    const user = currentUser(request);
    if (query.view && !viewsFor(user.role).includes(query.view)) {
      throw new ProblemError('ROLE_NOT_ALLOWED', `The ${user.role} role has no "${query.view}" view.`);
    }
    const limit = query.limit ?? 50;
    const items = await listConversations(ctx.db, {
      viewer: { id: user.id, role: user.role },
      view: query.view,
      states: query.state?.split(','),
      assigneeId: query.mine ? user.id : undefined,
      q: query.q?.trim() || undefined,
      limit,
      cursor: decodeCursor(query.cursor),
    });
    const last = items.length === limit ? items[items.length - 1] : undefined;
    return { items, nextCursor: last ? encodeCursor(last.lastMessageAt, last.id) : null, serverTime: serverTime(ctx.clock) };
  });

  /** The caller's views with how many conversations each holds and how many have unread customer messages. */
  app.get('/conversations/views', { preHandler: anyone }, async (request) => {
    const user = currentUser(request);
    return { items: await countViews(ctx.db, viewsFor(user.role), { id: user.id, role: user.role }), serverTime: serverTime(ctx.clock) };
  });

  app.get('/conversations/:id', { preHandler: anyone }, async (request) => {
    const conversation = await findConversationFor(ctx.db, idParam(request.params, 'conversation'), currentUser(request).id);
    if (!conversation) throw new ProblemError('NOT_FOUND', 'No such conversation.');
    return { ...conversation, serverTime: serverTime(ctx.clock) };
  });

  app.get('/conversations/:id/messages', { preHandler: anyone }, async (request) => {
    const id = idParam(request.params, 'conversation');
    const query = parse(MessageListQuery, request.query);
    if (!(await findConversation(ctx.db, id))) throw new ProblemError('NOT_FOUND', 'No such conversation.');
    const items = await listMessages(ctx.db, id, query.limit ?? 100, query.before);
    return { items, serverTime: serverTime(ctx.clock) };
  });

  app.post('/conversations/:id/messages', { preHandler: requireRole(ctx.tokens, SENDING_ROLES) }, async (request, reply) => {
    const id = idParam(request.params, 'conversation');
    const { text = '', attachmentId } = parse(SendTextRequest, request.body);
    const attachment = attachmentId ? await ctx.attachments.forSending(attachmentId) : undefined;
    const result = await ctx.conversations.sendText(id, currentUser(request), text, attachment);
    return reply.code(201).send({ ...result, serverTime: serverTime(ctx.clock) });
  });

  app.post('/conversations/:id/assign', { preHandler: anyone }, async (request) => {
    const id = idParam(request.params, 'conversation');
    const { assigneeId } = parse(AssignRequest, request.body);
    const conversation = await ctx.conversations.assign(id, currentUser(request), assigneeId);
    return { ...conversation, serverTime: serverTime(ctx.clock) };
  });

  /** Marks the conversation read for the caller, up to now (its unreadCount becomes 0). */
  app.post('/conversations/:id/read', { preHandler: anyone }, async (request, reply) => {
    const id = idParam(request.params, 'conversation');
    if (!(await findConversation(ctx.db, id))) throw new ProblemError('NOT_FOUND', 'No such conversation.');
    await markRead(ctx.db, currentUser(request).id, id, ctx.clock.now());
    return reply.code(204).send();
  });

  app.post('/conversations/:id/close', { preHandler: requireRole(ctx.tokens, SENDING_ROLES) }, async (request) => {
    const id = idParam(request.params, 'conversation');
    const conversation = await ctx.conversations.closeByAgent(id, currentUser(request));
    return { ...conversation, serverTime: serverTime(ctx.clock) };
  });
}
