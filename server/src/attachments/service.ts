/**
 * Uploads and reads of attachments. An upload is judged by its bytes (sniff.ts) against WhatsApp's
 * limits (shared/api/attachments.ts, the one rule the desktop checks too), then kept (store.ts)
 * and recorded in one transaction: an attachment row exists only with its bytes.
 */
import { createHash, randomUUID } from 'node:crypto';
import { attachmentLimitFor, type Attachment } from '../../../shared/api/attachments';
import type { Clock } from '../clock';
import type { Db } from '../db/db';
import { ProblemError } from '../errors';
import { findAttachment, insertReadyAttachment, publicAttachment, type AttachmentRecord } from '../repo/attachments';
import { isUuid } from '../repo/conversations';
import { storableName } from './names';
import { sniffMimeType } from './sniff';
import type { AttachmentStore } from './store';

export class AttachmentService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly store: AttachmentStore,
  ) {}

  async upload(uploadedBy: string, file: { bytes: Buffer; fileName: string | null }): Promise<Attachment> {
    const fileName = storableName(file.fileName);
    const mimeType = await sniffMimeType(file.bytes, fileName);
    const limit = mimeType ? attachmentLimitFor(mimeType) : null;
    if (!mimeType || !limit) {
      throw new ProblemError('ATTACHMENT_TYPE_NOT_ALLOWED', `WhatsApp does not take this kind of file${mimeType ? ` (${mimeType})` : ''}.`);
    }
    if (file.bytes.length > limit.maxBytes) {
      throw new ProblemError('ATTACHMENT_TOO_LARGE', `A ${limit.type} may be at most ${limit.maxBytes} bytes; this file has ${file.bytes.length}.`);
    }
    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    try {
      await this.db.transaction(async (tx) => {
        await insertReadyAttachment(tx, {
          id, type: limit.type, mimeType, fileName, size: file.bytes.length, sha256, storage: this.store.storage, uploadedBy, now: this.clock.now(),
        });
        await this.store.put(tx, id, file.bytes);
      });
    } catch (error) {
      await this.store.discard(id).catch(() => undefined);
      throw error;
    }
    return publicAttachment((await findAttachment(this.db, id))!);
  }

  /** An attachment and its bytes; NOT_FOUND when there is none, ATTACHMENT_NOT_READY while its bytes are still coming. */
  async content(id: string): Promise<{ attachment: AttachmentRecord; bytes: Buffer }> {
    const attachment = isUuid(id) ? await findAttachment(this.db, id) : null;
    if (!attachment) throw new ProblemError('NOT_FOUND', 'No such attachment.');
    if (attachment.state !== 'ready') {
      throw new ProblemError('ATTACHMENT_NOT_READY', attachment.state === 'pending'
        ? 'This file is still being fetched from WhatsApp; try again shortly.'
        : 'WhatsApp could not give this file; it cannot be shown.');
    }
    const bytes = await this.store.get(this.db, id, attachment.storage);
    if (!bytes) throw new ProblemError('NOT_FOUND', 'The content of this attachment is no longer stored.');
    return { attachment, bytes };
  }

  /** A ready attachment to send, or a clear refusal. */
  async forSending(id: string): Promise<AttachmentRecord> {
    const attachment = isUuid(id) ? await findAttachment(this.db, id) : null;
    if (!attachment) throw new ProblemError('NOT_FOUND', 'No such attachment.', { errors: [{ path: 'attachmentId', message: 'not found' }] });
    if (attachment.state !== 'ready') throw new ProblemError('ATTACHMENT_NOT_READY', 'This file is not available to send.');
    return attachment;
  }
}
