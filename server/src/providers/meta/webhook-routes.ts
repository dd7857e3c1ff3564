/**
 * `GET /webhooks/meta` (verification) and `POST /webhooks/meta` (events), outside /api/v1 and
 * with no bearer token: Meta proves itself with the verify token and the body's signature. The
 * body is kept as raw bytes (this plugin's own content-type parser) so the signature is checked
 * over exactly what was sent, before anything is parsed or stored.
 */
import { createSecretKey } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../clock';
import type { Db } from '../../db/db';
import { problemBody } from '../../errors';
import type { WhatsAppTransport } from '../types';
import type { MetaConfig } from './config';
import { splitDelivery, webhookStore } from './inbox';
import { parseWebhookText, sameSecret, verifySignature } from './webhook';

const MAX_BODY_BYTES = 8 * 1024 * 1024;

export async function metaWebhookRoutes(
  app: FastifyInstance,
  deps: { config: MetaConfig; db: Db; clock: Clock; transport: Pick<WhatsAppTransport, 'parseWebhook'>; received: () => void },
): Promise<void> {
  // Deliveries arriving together are stored together, split into their items already (each still stored before its 200).
  const store = webhookStore(deps.db, deps.clock);
  const appSecret = createSecretKey(Buffer.from(deps.config.appSecret));
  await app.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));

    hooks.get('/webhooks/meta', async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const mode = query['hub.mode'];
      const token = query['hub.verify_token'];
      const challenge = query['hub.challenge'];
      if (mode !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string' || !sameSecret(token, deps.config.verifyToken)) {
        return reply
          .code(403)
          .type('application/problem+json')
          .send(problemBody('ROLE_NOT_ALLOWED', 'Webhook verification refused: hub.mode must be subscribe and hub.verify_token must match.'));
      }
      return reply.code(200).header('x-content-type-options', 'nosniff').type('text/plain; charset=utf-8').send(challenge);
    });

    hooks.post('/webhooks/meta', async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (!verifySignature(raw, request.headers['x-hub-signature-256'], appSecret)) {
        return reply
          .code(401)
          .type('application/problem+json')
          .send(problemBody('UNAUTHENTICATED', 'X-Hub-Signature-256 is missing or does not match the body.'));
      }
      const text = raw.toString('utf8');
      let parsed: unknown;
      try {
        parsed = parseWebhookText(text);
      } catch {
        parsed = undefined;
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return reply.code(400).type('application/problem+json').send(problemBody('VALIDATION_FAILED', 'The body is not a JSON object.'));
      }
      await store.submit({ raw: text, items: splitDelivery(deps.transport, parsed) });
      deps.received();
      return reply.code(200).send({ received: true });
    });
  });
}
