/**
 * The Zenvia provider's routes outside /api/v1, with no bearer token:
 * - `POST /webhooks/zenvia`: Zenvia signs nothing (whatsapp-protocol.md §2.4), so a call proves
 *   itself with the secret header our subscriptions carry (WEBHOOK_SECRET_HEADER, compared in
 *   constant time): without it, or with another value, 401 and nothing is stored. A verified body
 *   is stored as received, split into its items when it can be read, and answered at once
 *   (Zenvia counts an answer slower than a second as a failure); the inbox worker applies it
 *   afterwards, as on the Meta path.
 * - `GET /files/zenvia/<id>/<expires>/<signature>/<name>`: the bytes of an attachment we send,
 *   for Zenvia to fetch (file-links.ts); 404 for anything but a valid, unexpired link.
 */
import type { FastifyInstance } from 'fastify';
import { contentDisposition } from '../../attachments/names';
import type { AttachmentStore } from '../../attachments/store';
import type { Clock } from '../../clock';
import type { Db } from '../../db/db';
import { problemBody } from '../../errors';
import { findAttachment } from '../../repo/attachments';
import { isUuid } from '../../repo/conversations';
import { splitDelivery, webhookStore } from '../meta/inbox';
import { parseWebhookText } from '../meta/webhook';
import type { WhatsAppTransport } from '../types';
import { sameSecret } from '../secrets';
import { WEBHOOK_PATH, WEBHOOK_SECRET_HEADER, type ZenviaConfig } from './config';
import { FILES_PATH, type FileLinks } from './file-links';

const MAX_BODY_BYTES = 8 * 1024 * 1024;
export const PROVIDER = 'zenvia';

export async function zenviaRoutes(
  app: FastifyInstance,
  deps: {
    config: ZenviaConfig; db: Db; clock: Clock; links: FileLinks; attachments: AttachmentStore; received: () => void;
    transport: Pick<WhatsAppTransport, 'parseWebhook'>;
  },
): Promise<void> {
  // Deliveries arriving together are stored together (each still stored before its 200).
  const store = webhookStore(deps.db, deps.clock, PROVIDER);
  const header = WEBHOOK_SECRET_HEADER.toLowerCase();
  await app.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));

    hooks.post(WEBHOOK_PATH, async (request, reply) => {
      const given = request.headers[header];
      if (typeof given !== 'string' || !sameSecret(given, deps.config.webhookSecret)) {
        return reply
          .code(401)
          .type('application/problem+json')
          .send(problemBody('UNAUTHENTICATED', `The ${WEBHOOK_SECRET_HEADER} header is missing or wrong.`));
      }
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const text = raw.toString('utf8');
      let parsed: unknown;
      try {
        parsed = parseWebhookText(text);
      } catch {
        parsed = undefined;
      }
      if (!parsed || typeof parsed !== 'object') {
        return reply.code(400).type('application/problem+json').send(problemBody('VALIDATION_FAILED', 'The body is not a JSON event.'));
      }
      await store.submit({ raw: text, items: splitDelivery(deps.transport, parsed) });
      deps.received();
      return reply.code(200).send({ received: true });
    });
  });

  app.get(`${FILES_PATH}/:id/:expires/:signature/:name`, async (request, reply) => {
    const { id, expires, signature } = request.params as { id: string; expires: string; signature: string };
    const gone = () => reply.code(404).type('application/problem+json').send(problemBody('NOT_FOUND', 'No such file, or the link has expired.'));
    if (!isUuid(id) || !deps.links.valid(id, expires, signature, deps.clock.now())) return gone();
    const attachment = await findAttachment(deps.db, id);
    if (!attachment || attachment.state !== 'ready') return gone();
    const bytes = await deps.attachments.get(deps.db, id, attachment.storage);
    if (!bytes) return gone();
    return reply
      .code(200)
      .header('content-type', attachment.mimeType)
      .header('content-length', bytes.length)
      .header('content-disposition', contentDisposition('inline', attachment.fileName ?? null))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, no-store')
      .send(bytes);
  });
}
