/**
 * WhatsApp through Meta's Cloud API: template sync, sends through the durable outbox, and the
 * webhook inbox for inbound messages, delivery statuses and template changes.
 */
import type { FastifyInstance } from 'fastify';
import type { Message } from '../../../../shared/api/schemas';
import type { AttachmentStore } from '../../attachments/store';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/db';
import type { ConversationService, OutboundDelivery, OutboundRequest } from '../../domain/conversations';
import { ProblemError } from '../../errors';
import type { ProviderLog, WhatsAppProvider } from '../types';
import type { MetaConfig } from './config';
import { GraphError, type GraphClientOptions } from './graph-client';
import { InboxWorker } from './inbox';
import { MetaMedia } from './media';
import { MetaMediaClient } from './media-client';
import { enqueueOutbound, OutboxWorker } from './outbox';
import { TemplateSync } from './template-sync';
import { MetaTransport } from './transport';
import { metaWebhookRoutes } from './webhook-routes';

/** How long a webhook waits for others of its burst before the worker runs. */
const WEBHOOK_GATHER_MS = 20;

export interface MetaProviderOptions {
  db: Db;
  clock: Clock;
  config: MetaConfig;
  log: ProviderLog;
  /** How often due sends, retries and webhook items are processed; 0: only when kicked (tests). */
  workIntervalMs?: number;
  /** How often every template is read again; 0: never on a timer. */
  templateSyncIntervalMs?: number;
  graph?: GraphClientOptions;
  /** Where attachment bytes are kept (media customers send, files agents send). */
  attachments: AttachmentStore;
}

export class MetaProvider implements WhatsAppProvider {
  readonly name = 'meta' as const;
  readonly transport: MetaTransport;
  readonly templates: TemplateSync;
  readonly delivery: OutboundDelivery;
  outbox: OutboxWorker | null = null;
  inbox: InboxWorker | null = null;
  readonly media: MetaMedia;
  private conversations: ConversationService | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  private soon: NodeJS.Timeout | null = null;

  constructor(private readonly options: MetaProviderOptions) {
    this.transport = new MetaTransport(options.config, options.graph);
    this.templates = new TemplateSync(options.db, options.clock, this.transport, options.log);
    this.media = new MetaMedia(options.db, options.clock, options.attachments, new MetaMediaClient(this.transport.graph, options.config), options.log);
    const clock = options.clock;
    this.delivery = {
      stored: (tx: Queryable, message: Message, request: OutboundRequest) => enqueueOutbound(tx, message.id, request, clock.now()),
      dispatched: () => this.kick(),
    };
  }

  async start({ conversations }: { conversations: ConversationService }): Promise<void> {
    const { db, clock, log } = this.options;
    this.conversations = conversations;
    this.outbox = new OutboxWorker(db, clock, conversations, this.transport, log, this.media);
    this.inbox = new InboxWorker(db, clock, conversations, this.transport, this.templates, log);
    try {
      await this.templates.run();
    } catch (error) {
      log.warn(`template sync at start failed (will retry): ${(error as Error).message}`);
    }
    const every = (ms: number | undefined, fallback: number, task: () => void) => {
      const interval = ms ?? fallback;
      if (interval > 0) this.timers.push(setInterval(task, interval).unref());
    };
    every(this.options.workIntervalMs, 1_000, () => this.kick());
    every(this.options.templateSyncIntervalMs, 5 * 60_000, () => !this.stopped && this.templates.request());
    this.kick(); // sends and webhook items left from before a restart
  }

  /** A full template sync now; a Graph failure becomes a 503 the administrator can read. */
  async syncTemplates(): Promise<number> {
    try {
      return await this.templates.run();
    } catch (error) {
      if (error instanceof GraphError) {
        throw new ProblemError('SERVICE_UNAVAILABLE', `WhatsApp (Meta) did not give the templates: ${error.message}`);
      }
      throw error;
    }
  }

  async runPending(): Promise<void> {
    await this.outbox?.runOnce();
    await this.inbox?.runOnce();
    if (this.conversations) await this.media.fetchDue(this.conversations);
  }

  async routes(app: FastifyInstance): Promise<void> {
    await metaWebhookRoutes(app, { config: this.options.config, db: this.options.db, clock: this.options.clock, received: () => this.kickSoon() });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.soon) clearTimeout(this.soon);
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all([...this.inFlight]);
    await this.outbox?.idle();
    await this.inbox?.idle();
    await this.media.idle();
    await this.templates.idle();
  }

  /** Webhooks come in bursts: one pass a moment after the first takes the whole burst as one batch. */
  private kickSoon(): void {
    if (this.soon || this.stopped) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.kick();
    }, WEBHOOK_GATHER_MS);
  }

  kick(): void {
    if (this.stopped || !this.outbox) return;
    const run = this.runPending().catch((error: unknown) => this.options.log.warn(`background work failed: ${(error as Error).message}`));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }
}
