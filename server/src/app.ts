import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { AttachmentService } from './attachments/service';
import { AttachmentStore } from './attachments/store';
import { TokenService } from './auth/tokens';
import { systemClock, TestClock, type Clock } from './clock';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import { seedDemoData } from './demo/seed';
import { ConversationService } from './domain/conversations';
import { DeadlineSweeper } from './domain/sweeper';
import { TemplateSendService } from './domain/template-sends';
import { handleClientError, installErrorHandling } from './errors';
import { EventBus } from './events/bus';
import type { MetaConfig } from './providers/meta/config';
import type { GraphClientOptions } from './providers/meta/graph-client';
import { MetaProvider } from './providers/meta/provider';
import { SandboxProvider } from './providers/sandbox';
import type { ZenviaClientOptions } from './providers/zenvia/client';
import type { ZenviaConfig } from './providers/zenvia/config';
import { ZenviaProvider } from './providers/zenvia/provider';
import { silentLog, type ProviderLog, type WhatsAppProvider } from './providers/types';
import { adminRoutes } from './routes/admin';
import { pricingRoutes } from './routes/pricing';
import { userAdminRoutes } from './routes/users';
import { attachmentRoutes } from './routes/attachments';
import { authRoutes } from './routes/auth';
import { contactRoutes } from './routes/contacts';
import type { RouteContext } from './routes/context';
import { conversationRoutes } from './routes/conversations';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { sandboxRoutes } from './routes/sandbox';
import { templateRoutes } from './routes/templates';
import { supervisorRoutes } from './routes/supervisor';
import { consumptionRoutes } from './routes/consumption';
import { ticketRoutes } from './routes/tickets';

export interface ServerOptions {
  /** PGlite data folder; omitted (and no databaseUrl) means in memory. */
  dataDir?: string;
  /**
   * Where attachment bytes are kept: this folder; by default `<dataDir>/attachments` with PGlite
   * on disk, else in the database (PostgreSQL, or PGlite in memory).
   */
  attachmentsDir?: string | null;
  databaseUrl?: string | null;
  /** With databaseUrl: keep this server's tables in their own schema (tests). */
  schema?: string;
  demoData?: boolean;
  provider?: 'sandbox' | 'meta' | 'zenvia';
  /** Required with provider 'meta' (see providers/meta/config.ts). */
  meta?: MetaConfig | null;
  /** Required with provider 'zenvia' (see providers/zenvia/config.ts). */
  zenvia?: ZenviaConfig | null;
  /** Meta and Zenvia: how often sends, retries and webhook items are processed; 0 only when kicked (tests call provider.runPending()). */
  providerWorkIntervalMs?: number;
  /** Meta and Zenvia: how often all templates are read again; 0 disables the timer. */
  templateSyncIntervalMs?: number;
  /** Meta: Graph client overrides (tests: a short timeout). */
  graph?: GraphClientOptions;
  /** Zenvia: API client overrides (tests: a short timeout). */
  zenviaClient?: ZenviaClientOptions;
  /** Where providers report background problems (defaults to the request logger when on, else nowhere). */
  providerLog?: ProviderLog;
  /** The real clock under the sandbox clock (tests may pin it). */
  baseClock?: Clock;
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** Interval of the deadline sweeper; 0 disables it (tests call `sweeper.runOnce()`). */
  sweepIntervalMs?: number;
  deliveryStepMs?: number;
  logger?: boolean;
  /** BUSINESS_COUNTRY: where the business is based (authentication-international applies elsewhere); null: never. */
  businessCountry?: string | null;
}

export interface HelpdeskServer {
  app: FastifyInstance;
  db: Db;
  clock: Clock;
  /** The sandbox's test clock (null with a real provider, which runs on real time). */
  sandboxClock: TestClock | null;
  sweeper: DeadlineSweeper;
  conversations: ConversationService;
  provider: WhatsAppProvider;
  demoLoaded: boolean;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createServer(options: ServerOptions = {}): Promise<HelpdeskServer> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl, options.schema) : await openPglite(options.dataDir);
  await migrate(db);
  const providerName = options.provider ?? 'sandbox';
  const sandboxClock = providerName === 'sandbox' ? new TestClock(db, options.baseClock ?? systemClock) : null;
  await sandboxClock?.start();
  const clock: Clock = sandboxClock ?? options.baseClock ?? systemClock;
  const tokens = await TokenService.create(db, clock);
  let log: ProviderLog = options.providerLog ?? silentLog; // the request logger, once it exists
  const bus = new EventBus(db, clock, { onError: (error) => log.warn(`event bus: ${(error as Error).message}`) });
  await bus.start();
  const app = Fastify({
    logger: options.logger
      ? {
          level: 'info',
          redact: [
            'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-hub-signature-256"]', 'req.headers["x-zapdesk-webhook-secret"]',
            'req.body.password', 'req.body.refreshToken',
          ],
          serializers: {
            req: (req: { id: string; method: string; url: string; ip?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
          },
        }
      : false,
    genReqId: () => crypto.randomUUID(),
    clientErrorHandler: handleClientError,
    forceCloseConnections: true,
  });
  if (!options.providerLog && options.logger) log = { info: (m) => app.log.info(m), warn: (m) => app.log.warn(m) };
  const attachmentsDir = options.attachmentsDir ?? (!options.databaseUrl && options.dataDir ? join(options.dataDir, 'attachments') : null);
  const attachmentStore = new AttachmentStore(attachmentsDir);
  const provider = createProvider(options, db, clock, bus, log, attachmentStore);
  const conversations = new ConversationService(db, clock, bus, provider.delivery);
  const sweeper = new DeadlineSweeper(conversations, log);
  const templateSends = new TemplateSendService(conversations, clock, provider.delivery, options.businessCountry ?? null);
  const attachments = new AttachmentService(db, clock, attachmentStore);
  const demoLoaded = options.demoData ? await seedDemoData(db, clock.now(), attachmentStore) : false;

  installErrorHandling(app);
  const ctx: RouteContext = {
    db, clock, sandboxClock, tokens, bus, conversations, sweeper, templateSends, provider, attachments,
    businessCountry: options.businessCountry ?? null,
    loginRateLimit: options.loginRateLimit ?? { max: 10, timeWindowMs: 60_000 },
  };
  const streams = new Set<() => void>();
  await healthRoutes(app, ctx);
  await app.register(
    async (api) => {
      await authRoutes(api, ctx);
      await conversationRoutes(api, ctx);
      await contactRoutes(api, ctx);
      await templateRoutes(api, ctx);
      await ticketRoutes(api, ctx);
      await supervisorRoutes(api, ctx);
      await consumptionRoutes(api, ctx);
      await adminRoutes(api, ctx);
      await pricingRoutes(api, ctx);
      await userAdminRoutes(api, ctx);
      await attachmentRoutes(api, ctx);
      await eventRoutes(api, ctx, streams);
      if (provider.name === 'sandbox') await sandboxRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );
  await provider.routes(app);
  await provider.start({ conversations });
  if (options.sweepIntervalMs !== 0) sweeper.start(options.sweepIntervalMs ?? 5_000);

  return {
    app, db, clock, sandboxClock, sweeper, conversations, provider, demoLoaded,
    async listen(port, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      return `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
    },
    async close() {
      await sweeper.stop();
      await provider.stop();
      for (const end of [...streams]) end();
      await app.close();
      await bus.stop();
      await sandboxClock?.stop();
      await db.close();
    },
  };
}

function createProvider(options: ServerOptions, db: Db, clock: Clock, bus: EventBus, log: ProviderLog, attachments: AttachmentStore): WhatsAppProvider {
  if ((options.provider ?? 'sandbox') === 'sandbox') return new SandboxProvider(db, bus, log, clock, options.deliveryStepMs);
  if (options.provider === 'zenvia') {
    if (!options.zenvia) throw new Error('the zenvia provider needs its ZENVIA_* configuration');
    return new ZenviaProvider({
      db, clock, config: options.zenvia, log, client: options.zenviaClient, attachments,
      workIntervalMs: options.providerWorkIntervalMs, templateSyncIntervalMs: options.templateSyncIntervalMs,
    });
  }
  if (!options.meta) throw new Error('the meta provider needs its META_* configuration');
  return new MetaProvider({
    db, clock, config: options.meta, log, graph: options.graph, attachments,
    workIntervalMs: options.providerWorkIntervalMs, templateSyncIntervalMs: options.templateSyncIntervalMs,
  });
}

/** Request logs never show the webhook verify token (it travels in the query string) nor a file link's signature. */
function redactUrl(url: string): string {
  return url.replace(/([?&]hub\.verify_token=)[^&]*/g, '$1[redacted]').replace(/^(\/files\/zenvia\/[^/]+\/[^/]+\/)[^/?]+/, '$1[redacted]');
}
