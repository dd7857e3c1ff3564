import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/api/attachments';
import { contentDisposition } from '../attachments/names';
import { currentUser, requireRole, SENDING_ROLES } from '../auth/guard';
import { ProblemError } from '../errors';
import { serverTime, type RouteContext } from './context';
import { idParam } from './validate';

/** Types a browser may show in place (everything else downloads). */
const INLINE = /^(image\/(jpeg|png|webp)|video\/(mp4|3gpp)|audio\/.+|application\/pdf|text\/plain)$/;

/** `POST /attachments` (multipart, field `file`) and `GET /attachments/:id/content`. */
export async function attachmentRoutes(app: FastifyInstance, ctx: RouteContext) {
  await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10, parts: 12, fieldSize: 1024 } });

  app.post('/attachments', { preHandler: requireRole(ctx.tokens, SENDING_ROLES) }, async (request, reply) => {
    if (!request.isMultipart()) {
      throw new ProblemError('VALIDATION_FAILED', 'Send the file as multipart/form-data, in a field named "file".', { errors: [{ path: 'file', message: 'required' }] });
    }
    let file;
    try {
      file = await request.file();
    } catch (error) {
      throw multipartProblem(error);
    }
    if (!file || file.fieldname !== 'file') {
      throw new ProblemError('VALIDATION_FAILED', 'Send the file in a field named "file".', { errors: [{ path: 'file', message: 'required' }] });
    }
    let bytes: Buffer;
    try {
      bytes = await file.toBuffer();
    } catch (error) {
      throw multipartProblem(error);
    }
    if (file.file.truncated) throw tooLarge();
    if (!bytes.length) throw new ProblemError('VALIDATION_FAILED', 'The file is empty.', { errors: [{ path: 'file', message: 'empty' }] });
    const attachment = await ctx.attachments.upload(currentUser(request).id, { bytes, fileName: file.filename || null });
    return reply.code(201).send({ ...attachment, serverTime: serverTime(ctx.clock) });
  });

  app.get('/attachments/:id/content', { preHandler: requireRole(ctx.tokens) }, async (request, reply) => {
    const { attachment, bytes } = await ctx.attachments.content(idParam(request.params, 'attachment'));
    const inline = INLINE.test(attachment.mimeType);
    return reply
      .header('content-type', attachment.mimeType)
      .header('content-length', bytes.length)
      .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', attachment.fileName ?? null))
      .header('x-content-type-options', 'nosniff')
      // Whatever a file holds, it runs nothing if opened in a browser.
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=86400, immutable')
      .send(bytes);
  });
}

const tooLarge = () => new ProblemError('ATTACHMENT_TOO_LARGE', `No file WhatsApp takes is larger than ${MAX_ATTACHMENT_BYTES} bytes.`);

/**
 * Whatever reading the upload throws is about the bytes the client sent (a missing boundary, a
 * form that ends early, a malformed part header: busboy's plain errors, or the plugin's FST_ ones):
 * a 400, never a 500.
 */
function multipartProblem(error: unknown): Error {
  if (error instanceof ProblemError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  const reason = error instanceof Error ? error.message : String(error);
  return new ProblemError('VALIDATION_FAILED', `The upload could not be read: ${reason}`, { errors: [{ path: 'file', message: 'unreadable upload' }] });
}
