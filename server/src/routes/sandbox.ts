import type { FastifyInstance } from 'fastify';
import { SandboxClockAdvance, SandboxCustomerMessage, SandboxMessageStatus } from '../../../shared/api/schemas';
import { recordEntryPoints } from '../domain/message-prices';
import { ProblemError } from '../errors';
import { isUuid } from '../repo/conversations';
import { requireRole } from '../auth/guard';
import { serverTime, type RouteContext } from './context';
import { parse } from './validate';

/** Stand-ins for WhatsApp and for time itself; registered only with the sandbox provider. */
export async function sandboxRoutes(app: FastifyInstance, ctx: RouteContext) {
  const admin = requireRole(ctx.tokens, ['administrator']);

  app.post('/sandbox/customer-messages', { preHandler: admin }, async (request, reply) => {
    const { from, text = '', attachmentId, entryPoint } = parse(SandboxCustomerMessage, request.body);
    const attachment = attachmentId ? await ctx.attachments.forSending(attachmentId) : undefined;
    const result = await ctx.conversations.customerMessage(from, text, attachment && {
      kind: 'media', attachment: { id: attachment.id, type: attachment.type, mimeType: attachment.mimeType, fileName: attachment.fileName ?? undefined },
    });
    if (entryPoint) await recordEntryPoints(ctx.db, [result.message.id]);
    return reply.code(201).send({ ...result, serverTime: serverTime(ctx.clock) });
  });

  app.post('/sandbox/message-status', { preHandler: admin }, async (request) => {
    const { messageId, status, error } = parse(SandboxMessageStatus, request.body);
    if (status === 'failed' && !error) throw new ProblemError('VALIDATION_FAILED', 'A failed status needs an error with a code and a message.', { errors: [{ path: 'error', message: 'required for failed' }] });
    const message = isUuid(messageId) ? await ctx.conversations.setDeliveryStatus(messageId, status, error) : null;
    if (!message) throw new ProblemError('NOT_FOUND', 'No such outbound message.');
    return { message, serverTime: serverTime(ctx.clock) };
  });

  app.post('/sandbox/clock', { preHandler: admin }, async (request) => {
    const { advanceSeconds } = parse(SandboxClockAdvance, request.body);
    await ctx.sandboxClock!.advance(advanceSeconds);
    await ctx.sweeper.runOnce();
    return { serverTime: serverTime(ctx.clock) };
  });
}
