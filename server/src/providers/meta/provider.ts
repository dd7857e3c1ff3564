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
import { ProviderWorkers } from '../workers';
import type { MetaConfig } from './config';
import { GraphError, type GraphClientOptions } from './graph-client';
import { MetaMedia } from './media';
import { MetaMediaClient } from './media-client';
import { enqueueOutbound } from './outbox';
import { TemplateSync } from './template-sync';
import { MetaTransport } from './transport';
import { metaWebhookRoutes } from './webhook-routes';

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
  readonly media: MetaMedia;
  private readonly workers: ProviderWorkers;

  constructor(private readonly options: MetaProviderOptions) {
    this.transport = new MetaTransport(options.config, options.graph);
    this.templates = new TemplateSync(options.db, options.clock, this.transport, options.log);
    this.media = new MetaMedia(options.db, options.clock, options.attachments, new MetaMediaClient(this.transport.graph, options.config), options.log);
    this.workers = new ProviderWorkers({
      db: options.db, clock: options.clock, log: options.log, provider: 'meta', transport: this.transport, templates: this.templates,
      media: this.media, sendable: this.media, workIntervalMs: options.workIntervalMs, templateSyncIntervalMs: options.templateSyncIntervalMs,
    });
    const clock = options.clock;
    this.delivery = {
      stored: (tx: Queryable, message: Message, request: OutboundRequest) => enqueueOutbound(tx, message.id, request, clock.now()),
      dispatched: () => this.kick(),
    };
  }

  /** The webhook inbox alone (tests run it without the media fetches of a whole pass). */
  get inbox(): ProviderWorkers['inbox'] {
    return this.workers.inbox;
  }

  async start({ conversations }: { conversations: ConversationService }): Promise<void> {
    await this.workers.start(conversations);
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

  runPending(): Promise<void> {
    return this.workers.runPending();
  }

  async routes(app: FastifyInstance): Promise<void> {
    await metaWebhookRoutes(app, {
      config: this.options.config, db: this.options.db, clock: this.options.clock, transport: this.transport, received: () => this.workers.background.kickSoon(),
    });
  }

  stop(): Promise<void> {
    return this.workers.stop();
  }

  kick(): void {
    this.workers.kick();
  }
}
