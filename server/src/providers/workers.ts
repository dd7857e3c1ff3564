/**
 * The workers a provider that talks to the network runs (Meta, Zenvia), started and stopped the
 * same way: the outbox (sends), the webhook inbox (what the provider reports), inbound media
 * fetched in the background, and template sync at start and on a timer; one background pass does
 * all due work (BackgroundWork: on timers, when work arrives), and a moment after a webhook burst
 * only the inbox runs (with the media of the messages it applied).
 */
import type { Clock } from '../clock';
import type { Db } from '../db/db';
import type { ConversationService } from '../domain/conversations';
import { BackgroundWork } from './background';
import { InboxWorker } from './meta/inbox';
import type { MetaMedia } from './meta/media';
import { OutboxWorker } from './meta/outbox';
import type { TemplateSync } from './meta/template-sync';
import type { ProviderLog, WhatsAppTransport } from './types';

export interface WorkerParts {
  db: Db;
  clock: Clock;
  log: ProviderLog;
  /** Whose webhook deliveries the inbox applies ('meta', 'zenvia'). */
  provider: string;
  transport: WhatsAppTransport;
  templates: TemplateSync;
  /** Inbound media: fetched in the background and kept. */
  media: MetaMedia;
  /** How an attachment we send becomes sendable (Meta: uploaded, sent by id; Zenvia: a link). */
  sendable: Pick<MetaMedia, 'graphMedia'>;
  /** How often due work runs; 0: only when kicked (tests). */
  workIntervalMs?: number;
  /** How often every template is read again; 0: never on a timer. */
  templateSyncIntervalMs?: number;
}

export class ProviderWorkers {
  outbox: OutboxWorker | null = null;
  inbox: InboxWorker | null = null;
  readonly background: BackgroundWork;
  private conversations: ConversationService | null = null;

  constructor(private readonly parts: WorkerParts) {
    this.background = new BackgroundWork(() => this.runPending(), parts.log, () => this.runWebhooks());
  }

  /** The workers, a first template sync (a failure is logged: the timer tries again), the timers, and a first pass for work left from before a restart. */
  async start(conversations: ConversationService): Promise<void> {
    const { db, clock, log, transport, templates, sendable, provider } = this.parts;
    this.conversations = conversations;
    this.outbox = new OutboxWorker(db, clock, conversations, transport, log, sendable);
    this.inbox = new InboxWorker(db, clock, conversations, transport, templates, log, provider);
    try {
      await templates.run();
    } catch (error) {
      log.warn(`template sync at start failed (will retry): ${(error as Error).message}`);
    }
    this.background.every(this.parts.workIntervalMs, 1_000, () => this.kick());
    this.background.every(this.parts.templateSyncIntervalMs, 5 * 60_000, () => templates.request());
    this.kick();
  }

  /** Every due send, retry, webhook item and media fetch, now. */
  async runPending(): Promise<void> {
    await this.outbox?.runOnce();
    await this.inbox?.runOnce();
    if (this.conversations) await this.parts.media.fetchDue(this.conversations);
  }

  /** What webhooks brought: the inbox, then the files of the media messages it applied. */
  private async runWebhooks(): Promise<void> {
    await this.inbox?.runOnce();
    if (this.inbox?.takeMediaArrived() && this.conversations) await this.parts.media.fetchDue(this.conversations);
  }

  kick(): void {
    if (this.outbox) this.background.kick();
  }

  async stop(): Promise<void> {
    await this.background.stop();
    await this.outbox?.idle();
    await this.inbox?.idle();
    await this.parts.media.idle();
    await this.parts.templates.idle();
  }
}
