/**
 * Where attachment bytes live: in a folder (ATTACHMENTS_DIR; by default `<data folder>/attachments`
 * with the embedded database) or in the database itself (PostgreSQL without ATTACHMENTS_DIR: every
 * server instance sees them with nothing else to share). A folder used by several instances must
 * be shared storage. Files are written to a temporary name and renamed, so a crash never leaves a
 * half file under an attachment's name.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '../db/db';
import { isUuid } from '../repo/conversations';
import { readAttachmentBytes, storeAttachmentBytes } from '../repo/attachments';

export class AttachmentStore {
  constructor(private readonly dir: string | null) {}

  /** Where new bytes go. */
  get storage(): 'database' | 'file' {
    return this.dir ? 'file' : 'database';
  }

  /** Keeps the bytes of attachment `id` (a file now, or a row in the caller's transaction, after the attachment's row). */
  async put(db: Queryable, id: string, bytes: Buffer): Promise<void> {
    if (!this.dir) return storeAttachmentBytes(db, id, bytes);
    const path = this.path(id);
    await mkdir(this.dir, { recursive: true });
    const temporary = `${path}.${randomUUID()}.part`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  }

  /** The bytes of an attachment stored as `storage`, or null when they are gone. */
  async get(db: Queryable, id: string, storage: 'database' | 'file' | null): Promise<Buffer | null> {
    if (storage === 'database') return readAttachmentBytes(db, id);
    if (storage !== 'file' || !this.dir) return null;
    return readFile(this.path(id)).catch(() => null);
  }

  /** Removes a file written for an attachment whose row was never stored. */
  async discard(id: string): Promise<void> {
    if (this.dir) await rm(this.path(id), { force: true });
  }

  private path(id: string): string {
    if (!isUuid(id)) throw new Error('attachment ids are UUIDs');
    return join(this.dir!, id);
  }
}
