/** Attachments: their rows (shared/api/attachments.ts Attachment), bytes kept in the database, and the fetch queue of inbound media. */
import type { Attachment, AttachmentType } from '../../../shared/api/attachments';
import type { Message } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import { storable } from './rows';

export interface AttachmentRecord extends Attachment {
  storage: 'database' | 'file' | null;
  sha256: string | null;
  providerMediaId: string | null;
  providerMediaAt: string | null;
}

interface Row {
  id: string;
  type: AttachmentType;
  mime_type: string;
  file_name: string | null;
  size: string | number | null;
  sha256: string | null;
  voice: boolean;
  state: Attachment['state'];
  storage: 'database' | 'file' | null;
  provider_media_id: string | null;
  provider_media_at: Date | null;
}

const toRecord = (r: Row): AttachmentRecord => ({
  id: r.id, type: r.type, mimeType: r.mime_type, fileName: r.file_name, size: r.size === null ? null : Number(r.size), state: r.state,
  voice: r.voice, storage: r.storage, sha256: r.sha256, providerMediaId: r.provider_media_id,
  providerMediaAt: r.provider_media_at ? r.provider_media_at.toISOString() : null,
});

/** The API's view of a record. */
export const publicAttachment = (a: AttachmentRecord): Attachment => ({
  id: a.id, type: a.type, mimeType: a.mimeType, fileName: a.fileName, size: a.size, state: a.state, voice: a.voice,
});

/** A file kept here (an upload): ready at once. */
export async function insertReadyAttachment(
  db: Queryable,
  a: { id: string; type: AttachmentType; mimeType: string; fileName: string | null; size: number; sha256: string; storage: 'database' | 'file'; uploadedBy: string; now: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO attachments (id, type, mime_type, file_name, size, sha256, state, storage, uploaded_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'ready', $7, $8, $9)`,
    [a.id, a.type, a.mimeType, a.fileName === null ? null : storable(a.fileName), a.size, a.sha256, a.storage, a.uploadedBy, a.now],
  );
}

export async function findAttachment(db: Queryable, id: string): Promise<AttachmentRecord | null> {
  const { rows } = await db.query<Row>('SELECT * FROM attachments WHERE id = $1', [id]);
  return rows[0] ? toRecord(rows[0]) : null;
}

export async function storeAttachmentBytes(db: Queryable, id: string, bytes: Buffer): Promise<void> {
  await db.query('INSERT INTO attachment_content (attachment_id, bytes) VALUES ($1, $2) ON CONFLICT (attachment_id) DO UPDATE SET bytes = EXCLUDED.bytes', [id, bytes]);
}

export async function readAttachmentBytes(db: Queryable, id: string): Promise<Buffer | null> {
  const { rows } = await db.query<{ bytes: Buffer | Uint8Array }>('SELECT bytes FROM attachment_content WHERE attachment_id = $1', [id]);
  return rows[0] ? Buffer.from(rows[0].bytes) : null;
}

/** The WhatsApp media id an upload of ours got (ids last 30 days at WhatsApp). */
export async function recordProviderUpload(db: Queryable, id: string, providerMediaId: string, at: Date): Promise<void> {
  await db.query('UPDATE attachments SET provider_media_id = $2, provider_media_at = $3 WHERE id = $1', [id, providerMediaId, at]);
}

export interface MediaToFetch {
  id: string;
  providerMediaId: string;
  attempts: number;
}

/**
 * Leases pending inbound media due for a fetch (only media a stored message holds): each is
 * counted as an attempt and not due again before `leaseUntil`, so no other worker, on any
 * instance, fetches it meanwhile; the fetch itself runs outside any transaction.
 */
export async function leaseMediaToFetch(db: Queryable, now: Date, limit: number, leaseUntil: Date): Promise<MediaToFetch[]> {
  const { rows } = await db.query<{ id: string; provider_media_id: string; attempts: number }>(
    `UPDATE attachments SET attempts = attempts + 1, next_attempt_at = $3 WHERE id IN (
       SELECT a.id FROM attachments a
       WHERE a.state = 'pending' AND a.next_attempt_at <= $1 AND EXISTS (SELECT 1 FROM messages m WHERE m.attachment_id = a.id)
       ORDER BY a.next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING id, provider_media_id, attempts`,
    [now, limit, leaseUntil],
  );
  return rows.map((r) => ({ id: r.id, providerMediaId: r.provider_media_id, attempts: r.attempts }));
}

/** The bytes arrived: the attachment is ready (its MIME type and size as they really are); false if it was not pending any more. */
export async function markFetched(db: Queryable, id: string, f: { mimeType: string; size: number; sha256: string; storage: 'database' | 'file' }): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE attachments SET state = 'ready', mime_type = $2, size = $3, sha256 = $4, storage = $5, last_error = NULL, next_attempt_at = NULL
     WHERE id = $1 AND state = 'pending' RETURNING id`,
    [id, f.mimeType, f.size, f.sha256, f.storage],
  );
  return rows.length > 0;
}

/** A fetch failed: try again at `nextAt`, or (nextAt null) give up: the attachment is failed. */
export async function markFetchFailed(db: Queryable, id: string, error: string, nextAt: Date | null): Promise<void> {
  await db.query(
    `UPDATE attachments SET last_error = $2, next_attempt_at = $3, state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE state END
     WHERE id = $1 AND state = 'pending'`,
    [id, storable(error).slice(0, 1000), nextAt],
  );
}

/** Ids of the messages holding these attachments (to announce their change). */
export async function messageIdsWithAttachments(db: Queryable, attachmentIds: string[]): Promise<string[]> {
  if (!attachmentIds.length) return [];
  const { rows } = await db.query<{ id: Message['id'] }>('SELECT id FROM messages WHERE attachment_id = ANY($1::uuid[]) ORDER BY id', [attachmentIds]);
  return rows.map((r) => r.id);
}
