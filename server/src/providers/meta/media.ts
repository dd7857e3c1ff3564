/**
 * WhatsApp media on the Meta side. Inbound: a customer's photo, voice note, video, document or
 * sticker is stored with its message at once as a pending attachment; this worker fetches the
 * bytes in the background (never in the webhook request), retried with backoff, and announces
 * the message again (`message.updated`) when they arrive or when WhatsApp will not give them.
 * Outbound: a file is uploaded to WhatsApp once and sent by id; the id is kept for reuse.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../../clock';
import type { Db } from '../../db/db';
import type { AttachmentStore } from '../../attachments/store';
import { sniffMimeType } from '../../attachments/sniff';
import type { ConversationService } from '../../domain/conversations';
import { findAttachment, leaseMediaToFetch, markFetched, markFetchFailed, messageIdsWithAttachments, recordProviderUpload } from '../../repo/attachments';
import { backoffMs, SerialRunner } from '../serial-runner';
import type { GraphMedia, ProviderLog } from '../types';
import type { MetaMediaClient } from './media-client';

const MAX_ATTEMPTS = 8;
const LEASE_MS = 5 * 60_000;
const BATCH = 4;
/** WhatsApp keeps an uploaded file 30 days; reuse its id a day less. */
const UPLOAD_REUSE_MS = 29 * 24 * 3600_000;

export class MetaMedia {
  private readonly runner = new SerialRunner();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly store: AttachmentStore,
    /** Graph's media endpoints (Zenvia's provider passes its own fetch of a `fileUrl` for inbound files). */
    private readonly client: Pick<MetaMediaClient, 'upload' | 'fetch'>,
    private readonly log: ProviderLog,
  ) {}

  /** The WhatsApp media id to send attachment `id` by, uploading it first when needed. */
  async graphMedia(id: string): Promise<GraphMedia & { id: string }> {
    const attachment = await findAttachment(this.db, id);
    if (!attachment || attachment.state !== 'ready') throw new Error(`attachment ${id} is not available to send`);
    const now = this.clock.now();
    if (attachment.providerMediaId && attachment.providerMediaAt && now.getTime() - Date.parse(attachment.providerMediaAt) < UPLOAD_REUSE_MS) {
      return { id: attachment.providerMediaId };
    }
    const bytes = await this.store.get(this.db, id, attachment.storage);
    if (!bytes) throw new Error(`attachment ${id} has no stored content`);
    const mediaId = await this.client.upload({ bytes, mimeType: attachment.mimeType, fileName: attachment.fileName ?? null });
    await recordProviderUpload(this.db, id, mediaId, now);
    return { id: mediaId };
  }

  /** Fetches every inbound media due now; resolves with how many arrived. */
  fetchDue(conversations: ConversationService): Promise<number> {
    return this.runner.run(async () => {
      let arrived = 0;
      for (let round = 0; round < 100; round++) {
        const now = this.clock.now();
        const due = await leaseMediaToFetch(this.db, now, BATCH, new Date(now.getTime() + LEASE_MS));
        for (const item of due) arrived += (await this.fetchOne(conversations, item)) ? 1 : 0;
        if (due.length < BATCH) break;
      }
      return arrived;
    });
  }

  idle(): Promise<void> {
    return this.runner.idle();
  }

  private async fetchOne(conversations: ConversationService, item: { id: string; providerMediaId: string; attempts: number }): Promise<boolean> {
    let fetched: { bytes: Buffer; mimeType: string | null };
    try {
      fetched = await this.client.fetch(item.providerMediaId);
    } catch (error) {
      const last = item.attempts >= MAX_ATTEMPTS;
      const message = (error as Error).message;
      this.log.warn(`inbound media ${item.id}: ${last ? `given up after ${item.attempts} attempts` : 'will be fetched again'}: ${message}`);
      await conversations.withEvents(async (tx, emit) => {
        await markFetchFailed(tx, item.id, message, last ? null : new Date(this.clock.now().getTime() + backoffMs(item.attempts)));
        if (last) await conversations.messagesChanged(tx, emit, await messageIdsWithAttachments(tx, [item.id]));
      });
      return false;
    }
    const attachment = await findAttachment(this.db, item.id);
    const mimeType = (await sniffMimeType(fetched.bytes, attachment?.fileName ?? null)) ?? fetched.mimeType ?? attachment?.mimeType ?? 'application/octet-stream';
    const sha256 = createHash('sha256').update(fetched.bytes).digest('hex');
    await conversations.withEvents(async (tx, emit) => {
      await this.store.put(tx, item.id, fetched.bytes);
      if (await markFetched(tx, item.id, { mimeType, size: fetched.bytes.length, sha256, storage: this.store.storage })) {
        await conversations.messagesChanged(tx, emit, await messageIdsWithAttachments(tx, [item.id]));
      }
    });
    return true;
  }
}
