/**
 * WhatsApp through Zenvia's API v2 (whatsapp-protocol.md §2), beside the Meta provider and with
 * the same machinery: the durable outbox (sends stored first, claimed with SKIP LOCKED, retried with
 * backoff, never sent twice), the webhook inbox (stored at once, applied in batches through the one
 * ingest and delivery-report paths, a poisoned item isolated and parked), inbound media fetched in
 * the background and kept, and template sync at start, on a timer and on demand. What is Zenvia's
 * own: the client and its errors, the template and content mapping, the secret-header webhook,
 * the subscriptions registered at start, and the signed links through which Zenvia fetches files.
 */
import type { FastifyInstance } from 'fastify';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/api/attachments';
import type { Message } from '../../../../shared/api/schemas';
import type { AttachmentStore } from '../../attachments/store';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/db';
import type { ConversationService, OutboundDelivery, OutboundRequest } from '../../domain/conversations';
import { ProblemError } from '../../errors';
import { findAttachment } from '../../repo/attachments';
import { findTemplateProviderId } from '../../repo/templates';
import { MetaMedia } from '../meta/media';
import { enqueueOutbound } from '../meta/outbox';
import { TemplateSync } from '../meta/template-sync';
import type { ProviderLog, WhatsAppProvider } from '../types';
import { ProviderWorkers } from '../workers';
import { ZenviaError, type ZenviaClientOptions } from './client';
import type { ZenviaConfig } from './config';
import { FileLinks } from './file-links';
import { Subscriptions } from './subscriptions';
import { ZenviaTransport } from './transport';
import { PROVIDER, zenviaRoutes } from './webhook-routes';

/** After a failed registration at start, how often it is tried again. */
const SUBSCRIPTION_RETRY_MS = 60_000;

export interface ZenviaProviderOptions {
  db: Db;
  clock: Clock;
  config: ZenviaConfig;
  log: ProviderLog;
  /** How often due sends, retries and webhook items are processed; 0: only when kicked (tests). */
  workIntervalMs?: number;
  /** How often every template is read again; 0: never on a timer. */
  templateSyncIntervalMs?: number;
  client?: ZenviaClientOptions;
  /** Where attachment bytes are kept (files customers send, files agents send). */
  attachments: AttachmentStore;
}

export class ZenviaProvider implements WhatsAppProvider {
  readonly name = 'zenvia' as const;
  readonly transport: ZenviaTransport;
  readonly templates: TemplateSync;
  readonly subscriptions: Subscriptions;
  readonly links: FileLinks;
  readonly delivery: OutboundDelivery;
  /** Inbound files: fetched from their `fileUrl` in the background, kept like Meta media. */
  readonly media: MetaMedia;
  private readonly workers: ProviderWorkers;

  constructor(private readonly options: ZenviaProviderOptions) {
    const { db, clock, config, log } = options;
    this.links = new FileLinks(config.publicUrl);
    const lookup = {
      templateId: (id: string) => findTemplateProviderId(db, id),
      fileName: async (id: string) => (await findAttachment(db, id))?.fileName ?? null,
    };
    this.transport = new ZenviaTransport(config, this.links, clock, lookup, options.client);
    this.templates = new TemplateSync(db, clock, this.transport, log);
    this.subscriptions = new Subscriptions(db, clock, this.transport.client, config, log);
    this.media = new MetaMedia(db, clock, options.attachments, {
      fetch: async (fileUrl) => {
        const { bytes, contentType } = await this.transport.client.download(fileUrl, MAX_ATTACHMENT_BYTES);
        return { bytes, mimeType: contentType ? contentType.split(';')[0]!.trim().toLowerCase() : null };
      },
      upload: () => Promise.reject(new Error('Zenvia takes files by link (file-links.ts), never by upload')),
    }, log);
    this.workers = new ProviderWorkers({
      db, clock, log, provider: PROVIDER, transport: this.transport, templates: this.templates, media: this.media,
      sendable: { graphMedia: (id) => this.sendable(id) },
      workIntervalMs: options.workIntervalMs, templateSyncIntervalMs: options.templateSyncIntervalMs,
    });
    this.delivery = {
      stored: (tx: Queryable, message: Message, request: OutboundRequest) => enqueueOutbound(tx, message.id, request, clock.now()),
      dispatched: () => this.kick(),
    };
  }

  /**
   * Zenvia fetches an attachment we send from its signed link: nothing to upload, only a check
   * that it is there. The transport turns the id into the link when it builds the send.
   */
  private async sendable(attachmentId: string): Promise<{ id: string }> {
    const attachment = await findAttachment(this.options.db, attachmentId);
    if (!attachment || attachment.state !== 'ready') throw new Error(`attachment ${attachmentId} is not available to send`);
    return { id: attachmentId };
  }

  async start({ conversations }: { conversations: ConversationService }): Promise<void> {
    await this.links.load(this.options.db);
    await this.registerWebhooks();
    await this.workers.start(conversations);
  }

  /** The subscriptions, at start; until that works (Zenvia unreachable), again every minute in the background. */
  private async registerWebhooks(): Promise<void> {
    try {
      await this.subscriptions.ensure();
    } catch (error) {
      this.options.log.warn(`zenvia: could not register the webhooks at start (will retry every minute): ${(error as Error).message}`);
      let done = false;
      this.workers.background.every(SUBSCRIPTION_RETRY_MS, SUBSCRIPTION_RETRY_MS, () => {
        if (done) return;
        this.workers.background.track(this.subscriptions.ensure().then(
          () => void (done = true),
          (e: unknown) => this.options.log.warn(`zenvia: webhook registration failed again: ${(e as Error).message}`),
        ));
      });
    }
  }

  /** A full template sync now; a Zenvia failure becomes a 503 the administrator can read. */
  async syncTemplates(): Promise<number> {
    try {
      return await this.templates.run();
    } catch (error) {
      if (error instanceof ZenviaError) throw new ProblemError('SERVICE_UNAVAILABLE', `Zenvia did not give the templates: ${error.message}`);
      throw error;
    }
  }

  runPending(): Promise<void> {
    return this.workers.runPending();
  }

  async routes(app: FastifyInstance): Promise<void> {
    const { config, db, clock, attachments } = this.options;
    await zenviaRoutes(app, { config, db, clock, links: this.links, attachments, transport: this.transport, received: () => this.workers.background.kickSoon() });
  }

  stop(): Promise<void> {
    return this.workers.stop();
  }

  kick(): void {
    this.workers.kick();
  }
}
