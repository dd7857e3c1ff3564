/**
 * The webhook inbox. The route stores each signed delivery as received, split into its items
 * (deduplicated by key: a message or a status seen before is not stored again), and answers at
 * once; a delivery the route could not split, this worker splits. It applies due items a batch at
 * a time, set-based: the customer messages of a batch through the one ingest path, its statuses
 * in one update. A batch that fails is undone and taken again item by item, each in its own
 * savepoint, so one poisoned item never holds back the others: it is retried with backoff and,
 * after MAX_ATTEMPTS, parked for administrators (GET /api/v1/admin/webhook-failures) to read and
 * replay. A delivery that cannot even be split is parked the same way. A status for a send whose
 * answer is not recorded yet waits and retries.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock';
import { savepoint, type Db, type Queryable } from '../../db/db';
import type { ConversationService, Emit, Written } from '../../domain/conversations';
import { applyCustomerChanges, type CustomerChange } from '../../domain/customer-changes';
import { GroupCommit } from '../../domain/group-commit';
import { recordEntryPoints } from '../../domain/message-prices';
import { isUuid } from '../../repo/conversations';
import { setProviderMessageId } from '../../repo/messages';
import { markDone as markOutboxDone } from '../../repo/outbox';
import { setTemplateStatusOfMessage } from '../../repo/templates';
import * as inbox from '../../repo/webhooks';
import { backoffMs, SerialRunner } from '../serial-runner';
import type { ProviderLog, WebhookItem, WhatsAppTransport } from '../types';
import { failure, failureCodeFor } from './errors';
import type { TemplateSync } from './template-sync';
import { parseWebhookText } from './webhook';

const PROVIDER = 'meta';
/** Item kinds apply() handles before its last loop. */
const APPLIED_ABOVE = new Set(['message', 'status', 'reaction', 'edit', 'number_change', 'marketing_preference']);
const MAX_ATTEMPTS = 12;
const EXPAND_BATCH = 200;
const APPLY_BATCH = 500;

/** A verified delivery as the route received it, with its items when the route could split it. */
export interface Delivery {
  raw: string;
  items?: WebhookItem[] | null;
}

/**
 * Stores verified deliveries arriving at the same moment in one statement (the webhook route);
 * `provider` also serves Zenvia's. Deliveries split by the route are stored with their items, so
 * the worker only applies them. Should that statement fail (an item the database cannot index),
 * the batch is stored as received and the worker splits it, parking what it cannot read: a
 * delivery is always stored before it is answered.
 */
export function webhookStore(db: Queryable, clock: Clock, provider = PROVIDER): GroupCommit<Delivery, boolean> {
  return new GroupCommit(async (deliveries: Delivery[]) => {
    const raws = deliveries.map((d) => d.raw);
    const items = deliveries.map((d) => d.items?.map((item) => ({ kind: item.kind, dedupeKey: item.dedupeKey, payload: item })) ?? null);
    if (!items.some(Boolean)) return inbox.storeWebhooks(db, provider, raws, clock.now());
    try {
      return await inbox.storeWebhooks(db, provider, raws, clock.now(), items);
    } catch {
      return inbox.storeWebhooks(db, provider, raws, clock.now());
    }
  });
}

/** The items of a parsed delivery, or null when they cannot be read here (the worker tries again, and parks it if it must). */
export function splitDelivery(transport: Pick<WhatsAppTransport, 'parseWebhook'>, payload: unknown): WebhookItem[] | null {
  try {
    return transport.parseWebhook(payload);
  } catch {
    return null;
  }
}

/** What applying a batch left to do: items to retry later, and whether a full template sync is needed. */
interface Outcome {
  notYet: Map<string, string>;
  needsSync: boolean;
}

type Claimed = inbox.ClaimedItem<WebhookItem | { kind: 'delivery'; eventId: string }>;

export class InboxWorker {
  private readonly runner = new SerialRunner();
  /** Whether messages with media were applied since `takeMediaArrived` was last asked: their files are to be fetched. */
  private mediaArrived = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly conversations: ConversationService,
    private readonly transport: WhatsAppTransport,
    private readonly templates: TemplateSync,
    private readonly log: ProviderLog,
    /** Whose deliveries this worker applies (the Zenvia provider runs its own, with its transport). */
    private readonly provider = PROVIDER,
  ) {}

  /** Splits new deliveries and applies every due item; resolves with how many items were applied. */
  runOnce(): Promise<number> {
    return this.runner.run(async () => {
      await this.expand();
      return this.applyDue();
    });
  }

  idle(): Promise<void> {
    return this.runner.idle();
  }

  takeMediaArrived(): boolean {
    const arrived = this.mediaArrived;
    this.mediaArrived = false;
    return arrived;
  }

  private async expand(): Promise<void> {
    // The route splits what it can: usually there is nothing to do here.
    if (!(await inbox.hasUnexpanded(this.db, this.provider))) return;
    for (let round = 0; round < 1000; round++) {
      const count = await this.db.transaction(async (tx) => {
        const now = this.clock.now();
        const events = await inbox.claimUnexpanded(tx, this.provider, EXPAND_BATCH);
        if (!events.length) return 0;
        const split = events.map((event) => ({ event, items: this.split(event) }));
        try {
          await savepoint(tx, () => inbox.insertItems(tx, this.provider, split.flatMap((s) => s.items), now));
        } catch {
          // One delivery spoils the statement: each on its own, the unreadable ones parked, never dropped.
          for (const { event, items } of split) {
            try {
              await savepoint(tx, () => inbox.insertItems(tx, this.provider, items, now));
            } catch (error) {
              this.log.warn(`webhook delivery ${event.id} could not be split into items, parked: ${(error as Error).message}`);
              await inbox.insertItems(tx, this.provider, [{
                eventId: event.id, kind: 'delivery', dedupeKey: `delivery:${event.id}:${now.getTime()}`, payload: { kind: 'delivery', eventId: event.id },
                state: 'dead', lastError: (error as Error).message,
              }], now);
            }
          }
        }
        await inbox.markExpanded(tx, events.map((e) => e.id), now);
        return events.length;
      });
      if (count < EXPAND_BATCH) return;
    }
  }

  private split(event: { id: string; raw: string }): inbox.NewItem[] {
    let items: WebhookItem[] = [];
    try {
      items = this.transport.parseWebhook(parseWebhookText(event.raw));
    } catch (error) {
      this.log.warn(`webhook ${event.id} could not be read: ${(error as Error).message}`);
    }
    return items.map((item) => ({ eventId: event.id, kind: item.kind, dedupeKey: item.dedupeKey, payload: item }));
  }

  private async applyDue(): Promise<number> {
    let applied = 0;
    let isolate = false;
    for (let round = 0; round < 1000; round++) {
      let needsSync = false;
      const count = await this.conversations.withEvents(async (tx, emit) => {
        const now = this.clock.now();
        const items = await inbox.claimDueItems<Claimed['payload']>(tx, this.provider, now, APPLY_BATCH);
        if (!items.length) return 0;
        let outcome: Outcome = { notYet: new Map(), needsSync: false };
        const failed: { item: Claimed; error: Error }[] = [];
        if (!isolate) {
          // Usually nothing is poisoned: the whole batch without savepoints (round trips that cost
          // more than they save); should it throw, the transaction is undone and the next round isolates.
          outcome = await this.apply(tx, emit, items);
        } else {
          // Something was poisoned: each item on its own, so the others still apply.
          for (const item of items) {
            try {
              const one = await this.applyIsolated(tx, emit, [item]);
              one.notYet.forEach((why, id) => outcome.notYet.set(id, why));
              outcome.needsSync ||= one.needsSync;
            } catch (error) {
              failed.push({ item, error: error as Error });
            }
          }
        }
        needsSync = outcome.needsSync;
        const retry = [
          ...[...outcome.notYet].map(([id, why]) => ({ item: items.find((i) => i.id === id)!, error: why, quiet: true })),
          ...failed.map((f) => ({ item: f.item, error: f.error.message, quiet: false })),
        ].map(({ item, error, quiet }) => {
          const attempts = item.attempts + 1;
          const dead = attempts >= MAX_ATTEMPTS;
          if (dead || !quiet) this.log.warn(`webhook item ${item.id} (${item.payload.kind})${dead ? ' parked after ' + attempts + ' attempts' : ' will be retried'}: ${error}`);
          return { id: item.id, attempts, dead, nextAt: new Date(now.getTime() + backoffMs(attempts)), error };
        });
        // The others were marked done when claimed.
        await inbox.postponeItems(tx, retry, now);
        return items.length - retry.length;
      }).catch((error: unknown) => {
        if (isolate) throw error;
        return null;
      });
      isolate = count === null;
      if (needsSync) this.templates.request();
      applied += count ?? 0;
      if (count === 0) return applied;
    }
    return applied;
  }

  /** Applies items inside a savepoint: all of them, or (on error) none; events kept only on success. */
  private async applyIsolated(tx: Queryable, emit: Emit, items: Claimed[]): Promise<Outcome> {
    const written: Written[] = [];
    const outcome = await savepoint(tx, () => this.apply(tx, async (w) => void written.push(...[await w].flat()), items));
    await emit(written);
    return outcome;
  }

  private async apply(tx: Queryable, emit: Emit, items: Claimed[]): Promise<Outcome> {
    const outcome: Outcome = { notYet: new Map(), needsSync: false };
    const messages = items.flatMap((i) => (i.payload.kind === 'message' ? [i.payload] : []));
    const received = await this.conversations.receiveMany(tx, emit, messages.map((m) => ({
      phone: `+${m.from}`, text: m.text, at: m.at === undefined ? undefined : new Date(m.at), providerMessageId: m.providerMessageId, profileName: m.profileName,
      // Media gets its attachment's id here; the bytes are fetched in the background (media.ts).
      content: m.content && { ...m.content, attachment: m.content.attachment && { ...m.content.attachment, id: randomUUID() } },
    })));
    if (messages.some((m) => m.content?.attachment)) this.mediaArrived = true;
    await recordEntryPoints(tx, received.flatMap((r, i) => (r && messages[i]!.entryPoint ? [r.message.id] : [])));

    // Reactions, edits, number changes, marketing choices: after the messages they may point at.
    const now = this.clock.now();
    const when = (at: number | undefined) => (at === undefined ? now : new Date(Math.min(at, now.getTime())));
    const changes = items.flatMap((i): CustomerChange[] => {
      const p = i.payload;
      if (p.kind === 'reaction') return [{ kind: 'reaction', from: p.from, targetProviderId: p.targetProviderId, emoji: p.emoji, at: when(p.at) }];
      if (p.kind === 'edit') {
        // An edit changes what was said, never what the message is: its file and kind stay.
        const { location, contacts, interactive, order } = p.content ?? {};
        const structured = { ...(location && { location }), ...(contacts && { contacts }), ...(interactive && { interactive }), ...(order && { order }) };
        return [{ kind: 'edit', from: p.from, targetProviderId: p.targetProviderId, text: p.text, content: Object.keys(structured).length ? structured : null, at: when(p.at) }];
      }
      if (p.kind === 'number_change') return [{ kind: 'number_change', from: p.from, newWaId: p.newWaId }];
      if (p.kind === 'marketing_preference') return [{ kind: 'marketing_preference', waId: p.waId, optedOut: p.optedOut, at: when(p.at) }];
      return [];
    });
    if (changes.length) await this.conversations.messagesChanged(tx, emit, await applyCustomerChanges(tx, changes));

    const statuses = items.flatMap((i) => (i.payload.kind === 'status' ? [{ id: i.id, status: i.payload }] : []));
    const report = (status: (typeof statuses)[number]['status']) => ({
      providerMessageId: status.providerMessageId,
      status: status.status,
      pricing: status.pricing,
      error: status.status === 'failed'
        ? { ...failure(failureCodeFor(status.errorCode ?? null), status.errorCode), ...(status.errorTitle ? { title: status.errorTitle } : {}), ...(status.errorDetails ? { details: status.errorDetails } : {}) }
        : undefined,
    });
    const first = await this.conversations.applyDeliveryReports(tx, emit, statuses.map(({ status }) => report(status)));
    // A status for a send whose answer we never recorded may prove it went out: then apply it too.
    const missing = new Set(first.unknown.map((u) => u.providerMessageId));
    const proven = new Set<string>();
    for (const { status } of statuses) {
      if (missing.has(status.providerMessageId) && (await this.claimProof(tx, status))) {
        proven.add(status.providerMessageId);
        missing.delete(status.providerMessageId);
      }
    }
    const second = proven.size
      ? await this.conversations.applyDeliveryReports(tx, emit, statuses.filter(({ status }) => proven.has(status.providerMessageId)).map(({ status }) => report(status)))
      : { changed: [], unknown: [] };
    for (const u of second.unknown) missing.add(u.providerMessageId);
    const changed = [...first.changed, ...second.changed];
    for (const { id, status } of statuses) {
      if (missing.has(status.providerMessageId)) outcome.notYet.set(id, `no outbound message has WhatsApp id ${status.providerMessageId} yet`);
    }
    for (const { providerMessageId, message } of changed) {
      if (message.status !== 'failed' || message.error?.code !== 'WHATSAPP_TEMPLATE_PAUSED') continue;
      const code = statuses.find((s) => s.status.status === 'failed' && s.status.providerMessageId === providerMessageId)?.status.errorCode;
      const status = code === 132016 ? 'DISABLED' : 'PAUSED';
      await setTemplateStatusOfMessage(tx, message.id, status, `WhatsApp refused a send: the template is ${status}.`, this.clock.now());
    }

    for (const item of items) {
      if (item.payload.kind === 'template_status' || item.payload.kind === 'template_update') outcome.needsSync ||= !(await this.templates.applyStatusEvent(tx, item.payload));
      else if (item.payload.kind === 'delivery') await inbox.markUnexpanded(tx, item.payload.eventId);
      else if (!APPLIED_ABOVE.has(item.payload.kind)) throw new Error(`unknown webhook item kind ${(item.payload as { kind: string }).kind}`);
    }
    return outcome;
  }

  /**
   * A status for a send whose answer we never recorded, carrying our message id: proof that the
   * send went out. Its WhatsApp id is recorded and the outbox row finished: it is never sent again.
   */
  private async claimProof(tx: Queryable, status: Extract<WebhookItem, { kind: 'status' }>): Promise<boolean> {
    if (!status.correlationId || !isUuid(status.correlationId)) return false;
    if (!(await setProviderMessageId(tx, status.correlationId, status.providerMessageId))) return false;
    await markOutboxDone(tx, status.correlationId, this.clock.now());
    return true;
  }
}
