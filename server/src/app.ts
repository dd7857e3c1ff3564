import Fastify, { type FastifyInstance } from 'fastify';
import { TokenService } from './auth/tokens';
import { SandboxClock, systemClock, type Clock } from './clock';
import type { Db } from './db/db';
import { migrate } from './db/migrate';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import { seedDemoData } from './demo/seed';
import { ConversationService } from './domain/conversations';
import { SandboxDelivery } from './domain/sandbox-delivery';
import { DeadlineSweeper } from './domain/sweeper';
import { TemplateSendService } from './domain/template-sends';
import { installErrorHandling } from './errors';
import { EventBus } from './events/bus';
import { authRoutes } from './routes/auth';
import { contactRoutes } from './routes/contacts';
import type { RouteContext } from './routes/context';
import { conversationRoutes } from './routes/conversations';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { sandboxRoutes } from './routes/sandbox';
import { templateRoutes } from './routes/templates';
import { supervisorRoutes } from './routes/supervisor';
import { ticketRoutes } from './routes/tickets';

export interface ServerOptions {
  /** PGlite data folder; omitted (and no databaseUrl) means in memory. */
  dataDir?: string;
  databaseUrl?: string | null;
  /** With databaseUrl: keep this server's tables in their own schema (tests). */
  schema?: string;
  demoData?: boolean;
  provider?: 'sandbox';
  /** The real clock under the sandbox clock (tests may pin it). */
  baseClock?: Clock;
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** Interval of the deadline sweeper; 0 disables it (tests call `sweeper.runOnce()`). */
  sweepIntervalMs?: number;
  deliveryStepMs?: number;
  logger?: boolean;
}

export interface HelpdeskServer {
  app: FastifyInstance;
  db: Db;
  clock: Clock;
  sandboxClock: SandboxClock | null;
  sweeper: DeadlineSweeper;
  conversations: ConversationService;
  demoLoaded: boolean;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createServer(options: ServerOptions = {}): Promise<HelpdeskServer> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl, options.schema) : await openPglite(options.dataDir);
  await migrate(db);
  const sandboxClock = new SandboxClock(db, options.baseClock ?? systemClock);
  await sandboxClock.load();
  const clock: Clock = sandboxClock;
  const tokens = await TokenService.create(db, clock);
  const bus = new EventBus(db, clock);
  await bus.start();
  const delivery = new SandboxDelivery(db, bus, options.deliveryStepMs);
  const conversations = new ConversationService(db, clock, bus, delivery);
  const sweeper = new DeadlineSweeper(conversations, clock);
  const templateSends = new TemplateSendService(conversations, clock, delivery);
  const demoLoaded = options.demoData ? await seedDemoData(db, clock.now()) : false;

  const app = Fastify({
    logger: options.logger
      ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body.password', 'req.body.refreshToken'] }
      : false,
    genReqId: () => crypto.randomUUID(),
    forceCloseConnections: true,
  });
  installErrorHandling(app);
  const ctx: RouteContext = {
    db, clock, sandboxClock, tokens, bus, conversations, sweeper, templateSends,
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
      await eventRoutes(api, ctx, streams);
      if ((options.provider ?? 'sandbox') === 'sandbox') await sandboxRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );
  if (options.sweepIntervalMs !== 0) sweeper.start(options.sweepIntervalMs ?? 5_000);

  return {
    app, db, clock, sandboxClock, sweeper, conversations, demoLoaded,
    async listen(port, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      return `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
    },
    async close() {
      await sweeper.stop();
      delivery.stop();
      for (const end of [...streams]) end();
      await app.close();
      await bus.stop();
      await db.close();
    },
  };
}
