/**
 * The webhook inbox. The route stores each signed delivery as received and answers at once; this
 * worker splits stored deliveries into items (deduplicated by key: a message or a status seen
 * before is not stored again) and applies each item in its own transaction with the events it
 * causes. An item that cannot be applied yet (a status for a send whose answer is not recorded
 * yet) or that fails is retried with backoff; after many tries it is kept as `dead`.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Db, Queryable } from '../../db/db';
import type { ConversationService } from '../../domain/conversations';
import { isUuid } from '../../repo/conversations';
import { findMessageIdByProviderId, setProviderMessageId } from '../../repo/messages';
import { setTemplateStatusOfMessage } from '../../repo/templates';
import { backoffMs, SerialRunner } from '../serial-runner';
import type { ProviderLog, WebhookItem, WhatsAppTransport } from '../types';
import { failure, failureCodeFor } from './errors';
import type { TemplateSync } from './template-sync';
import { parseWebhookText } from './webhook';

const PROVIDER = 'meta';
const MAX_ATTEMPTS = 12;

/** Stores a verified delivery; false when the very same body was stored before. */
export async function storeWebhook(db: Queryable, raw: string, now: Date): Promise<boolean> {
  const hash = createHash('sha256').update(raw).digest('hex');
  const { rows } = await db.query(
    `INSERT INTO webhook_events (provider, body_sha256, raw, received_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (provider, body_sha256) DO NOTHING RETURNING id`,
    [PROVIDER, hash, raw, now],
  );
  return rows.length > 0;
}

class NotYet extends Error {}

export class InboxWorker {
  private readonly runner = new SerialRunner();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly conversations: ConversationService,
    private readonly transport: WhatsAppTransport,
    private readonly templates: TemplateSync,
    private readonly log: ProviderLog,
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

  private async expand(): Promise<void> {
    for (let round = 0; round < 100; round++) {
      const count = await this.db.transaction(async (tx) => {
        const now = this.clock.now();
        const { rows } = await tx.query<{ id: string; raw: string }>(
          `SELECT id::text AS id, raw FROM webhook_events WHERE provider = $1 AND expanded_at IS NULL ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED`,
          [PROVIDER],
        );
        for (const row of rows) {
          let items: WebhookItem[] = [];
          try {
            items = this.transport.parseWebhook(parseWebhookText(row.raw));
          } catch (error) {
            this.log.warn(`webhook ${row.id} could not be read: ${(error as Error).message}`);
          }
          for (const item of items) {
            await tx.query(
              `INSERT INTO webhook_items (event_id, provider, kind, dedupe_key, payload, state, attempts, next_attempt_at)
               VALUES ($1, $2, $3, $4, $5::jsonb, 'pending', 0, $6) ON CONFLICT (provider, dedupe_key) DO NOTHING`,
              [row.id, PROVIDER, item.kind, item.dedupeKey, JSON.stringify(item), now],
            );
          }
          await tx.query('UPDATE webhook_events SET expanded_at = $2 WHERE id = $1', [row.id, now]);
        }
        return rows.length;
      });
      if (count < 20) return;
    }
  }

  private async applyDue(): Promise<number> {
    let applied = 0;
    for (let round = 0; round < 1000; round++) {
      // Set inside the transaction, read after it: an object, so the type checker sees the write.
      const current: { item: { id: string; attempts: number } | null; needsSync: boolean } = { item: null, needsSync: false };
      try {
        const found = await this.conversations.withEvents(async (tx, emit) => {
          const { rows } = await tx.query<{ id: string; payload: WebhookItem | string; attempts: number }>(
            `SELECT id::text AS id, payload, attempts FROM webhook_items WHERE provider = $1 AND state = 'pending' AND next_attempt_at <= $2
             ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED`,
            [PROVIDER, this.clock.now()],
          );
          const row = rows[0];
          if (!row) return false;
          current.item = { id: row.id, attempts: row.attempts };
          const item: WebhookItem = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
          current.needsSync = !(await this.apply(tx, emit, item));
          await tx.query(`UPDATE webhook_items SET state = 'done', attempts = attempts + 1, processed_at = $2, last_error = NULL WHERE id = $1`, [
            row.id, this.clock.now(),
          ]);
          return true;
        });
        if (!found) return applied;
        applied++;
        if (current.needsSync) this.templates.request();
      } catch (error) {
        if (!current.item) throw error;
        await this.postpone(current.item, error as Error);
      }
    }
    return applied;
  }

  private async postpone(item: { id: string; attempts: number }, error: Error): Promise<void> {
    const attempts = item.attempts + 1;
    const now = this.clock.now();
    const dead = attempts >= MAX_ATTEMPTS;
    await this.db.query(
      `UPDATE webhook_items SET attempts = $2, state = $3, next_attempt_at = $4, last_error = $5 WHERE id = $1 AND state = 'pending'`,
      [item.id, attempts, dead ? 'dead' : 'pending', new Date(now.getTime() + backoffMs(attempts)), error.message.slice(0, 500)],
    );
    if (dead || !(error instanceof NotYet)) this.log.warn(`webhook item ${item.id}${dead ? ' given up' : ' will be retried'}: ${error.message}`);
  }

  /** Applies one item; false when only a full template sync can settle it. */
  private async apply(tx: Queryable, emit: (seq: Promise<number>) => Promise<void>, item: WebhookItem): Promise<boolean> {
    switch (item.kind) {
      case 'message':
        await this.conversations.receive(tx, emit, {
          phone: `+${item.from}`,
          text: item.text,
          at: item.at === undefined ? undefined : new Date(item.at),
          providerMessageId: item.providerMessageId,
          profileName: item.profileName,
        });
        return true;
      case 'status': {
        let id = await findMessageIdByProviderId(tx, item.providerMessageId);
        if (!id && item.correlationId && isUuid(item.correlationId) && (await setProviderMessageId(tx, item.correlationId, item.providerMessageId))) {
          // Proof that a send whose answer we never recorded did go out: never send it again.
          id = item.correlationId;
          await tx.query(`UPDATE outbox SET state = 'done', lease_until = NULL, updated_at = $2 WHERE message_id = $1 AND state <> 'failed'`, [
            id, this.clock.now(),
          ]);
        }
        if (!id) throw new NotYet(`no outbound message has WhatsApp id ${item.providerMessageId} yet`);
        const error = item.status === 'failed' ? failure(failureCodeFor(item.errorCode ?? null), item.errorCode) : undefined;
        const failed = await this.conversations.advanceDeliveryStatus(tx, emit, id, item.status, error);
        if (failed?.status === 'failed' && error?.code === 'WHATSAPP_TEMPLATE_PAUSED') {
          const status = item.errorCode === 132016 ? 'DISABLED' : 'PAUSED';
          await setTemplateStatusOfMessage(tx, id, status, `WhatsApp refused a send: the template is ${status}.`, this.clock.now());
        }
        return true;
      }
      case 'template_status':
        return this.templates.applyStatusEvent(tx, item);
    }
  }
}
