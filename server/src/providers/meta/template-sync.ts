/**
 * Keeps the templates table in step with the WhatsApp Business Account: a full sync (every page)
 * at start, on a timer, on an administrator's request, and when a webhook names a template we
 * cannot place; single changes from template webhooks (template-webhook.ts: status, category,
 * quality, components) apply at once, so a paused or disabled template stops being sendable, and a
 * recategorised or edited one is shown as it is, before the next sync.
 */
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/db';
import type { TemplateComponent } from '../../../../shared/api/templates';
import {
  findTemplatesForUpdate,
  markUnlistedTemplatesDeleted,
  setTemplateStatus,
  updateTemplateDefinition,
  upsertSyncedTemplate,
} from '../../repo/templates';
import type { ProviderLog, WebhookItem, WhatsAppTransport } from '../types';
import { mapStatus } from './template-map';

type TemplateEvent = Extract<WebhookItem, { kind: 'template_status' | 'template_update' }>;
type TemplateUpdate = Extract<WebhookItem, { kind: 'template_update' }>;

/**
 * The stored components with those a components webhook names put in place (same type); a header
 * of another format keeps its place unless the webhook gives a text header.
 */
export function mergeComponents(stored: TemplateComponent[], changed: TemplateComponent[]): TemplateComponent[] {
  const order = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'];
  const byType = new Map<string, TemplateComponent>();
  for (const c of stored) if (order.includes(c.type)) byType.set(c.type, c);
  for (const c of changed) byType.set(c.type, c);
  const others = stored.filter((c) => !order.includes(c.type));
  return [...order.flatMap((type) => (byType.has(type) ? [byType.get(type)!] : [])), ...others];
}

export class TemplateSync {
  private running: Promise<number> | null = null;
  private again: Promise<number> | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly transport: WhatsAppTransport,
    private readonly log: ProviderLog,
  ) {}

  /** A full sync; a request during one gets one more right after it (it may have started too early). */
  run(): Promise<number> {
    if (!this.running) {
      this.running = this.syncAll().finally(() => (this.running = null));
      return this.running;
    }
    this.again ??= this.running
      .catch(() => 0)
      .then(() => {
        this.again = null;
        return this.run();
      });
    return this.again;
  }

  /** A sync in the background; failures are logged (the timer tries again). */
  request(): void {
    this.run().catch((error: unknown) => this.log.warn(`template sync failed: ${(error as Error).message}`));
  }

  async idle(): Promise<void> {
    await this.again?.catch(() => undefined);
    await this.running?.catch(() => undefined);
  }

  private async syncAll(): Promise<number> {
    const templates = await this.transport.listTemplates();
    const now = this.clock.now();
    const removed = await this.db.transaction(async (tx) => {
      for (const template of templates) await upsertSyncedTemplate(tx, template, now);
      return markUnlistedTemplatesDeleted(tx, templates, now);
    });
    this.log.info(`template sync: ${templates.length} templates read${removed ? `, ${removed} no longer listed` : ''}`);
    return templates.length;
  }

  /** Applies a webhook's template change in the caller's transaction; false when a full sync must settle it. */
  async applyStatusEvent(tx: Queryable, event: TemplateEvent): Promise<boolean> {
    if (event.kind === 'template_update') return this.applyUpdate(tx, event);
    const match = { providerId: event.providerTemplateId, name: event.name, language: event.language };
    const now = this.clock.now();
    if (event.event === 'FLAGGED') {
      return setTemplateStatus(tx, match, null, `Flagged by WhatsApp: it may be paused or disabled soon${event.reason ? ` (${event.reason})` : ''}.`, now);
    }
    const { status, known } = mapStatus(event.event);
    if (!known || event.event === 'UNARCHIVED') return false;
    const reason = status === 'APPROVED' ? null : `WhatsApp set it to ${status}${event.reason ? `: ${event.reason}` : ''}.`;
    return setTemplateStatus(tx, match, status, reason, now);
  }

  /**
   * A category, quality or content change. Content arrives without formats and examples, so it is
   * applied now and a full sync is asked for (false) to settle the rest.
   */
  private async applyUpdate(tx: Queryable, event: TemplateUpdate): Promise<boolean> {
    const stored = await findTemplatesForUpdate(tx, { providerId: event.providerTemplateId, name: event.name, language: event.language });
    const now = this.clock.now();
    for (const template of stored) {
      await updateTemplateDefinition(tx, template.id, {
        providerId: event.providerTemplateId,
        category: event.category?.category,
        providerCategory: event.category?.providerCategory,
        quality: event.quality,
        components: event.components ? mergeComponents(template.components, event.components) : undefined,
      }, now);
    }
    return stored.length > 0 && !event.components;
  }
}
