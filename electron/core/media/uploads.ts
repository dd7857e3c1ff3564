import { randomUUID } from 'node:crypto';
import { AttachmentResponse, attachmentProblem } from '../../../shared/api/attachments';
import type { z } from 'zod';
import type { UploadProgress } from '../../../shared/ipc/media';
import type { ApiClient } from '../api/client';
import { ApiError } from '../errors';

interface Upload {
  fileName: string;
  mimeType: string;
  size: number;
  chunks: Uint8Array[];
  received: number;
  startedAt: number;
}

const UPLOAD_TIMEOUT_MS = 10 * 60_000;
/** Files being handed over at once (each is held in memory until it is sent). */
const MAX_OPEN_UPLOADS = 4;
/** An upload left half-way (a closed window) is dropped after this long. */
const ABANDONED_MS = 30 * 60_000;

/**
 * Files the renderer sends: checked against WhatsApp's limits before any byte moves, taken in
 * ordered chunks, then posted to the server as multipart (`POST /attachments`, field `file`) with
 * progress reported as it goes.
 */
export class UploadService {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly client: () => ApiClient,
    private readonly progress: (progress: UploadProgress) => void,
    private readonly now: () => number = Date.now,
  ) {}

  begin(file: { fileName: string; mimeType: string; size: number }): { uploadId: string } {
    const refused = attachmentProblem(file.mimeType, file.size);
    if (refused) throw ApiError.of(refused, `${file.mimeType}, ${file.size} bytes: ${refused}`);
    this.dropAbandoned();
    if (this.uploads.size >= MAX_OPEN_UPLOADS) throw ApiError.of('RATE_LIMITED', 'Too many uploads at once.');
    this.client(); // signed in, or NOT_SIGNED_IN now rather than after the bytes
    const uploadId = randomUUID();
    this.uploads.set(uploadId, { ...file, mimeType: file.mimeType.toLowerCase(), chunks: [], received: 0, startedAt: this.now() });
    return { uploadId };
  }

  chunk({ uploadId, offset, data }: { uploadId: string; offset: number; data: string }): { received: number } {
    const upload = this.get(uploadId);
    if (offset !== upload.received) throw ApiError.of('INVALID_REQUEST', `Chunk at ${offset}, expected ${upload.received}.`);
    const bytes = Buffer.from(data, 'base64');
    if (upload.received + bytes.byteLength > upload.size) {
      this.uploads.delete(uploadId);
      throw ApiError.of('INVALID_REQUEST', 'More bytes than the file was said to have.');
    }
    upload.chunks.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    upload.received += bytes.byteLength;
    return { received: upload.received };
  }

  async finish(uploadId: string): Promise<z.infer<typeof AttachmentResponse>> {
    const upload = this.get(uploadId);
    this.uploads.delete(uploadId);
    if (upload.received !== upload.size) throw ApiError.of('INVALID_REQUEST', `Got ${upload.received} of ${upload.size} bytes.`);
    const form = new FormData();
    form.append('file', new Blob(upload.chunks, { type: upload.mimeType }), upload.fileName);
    const total = upload.size;
    let last = -1;
    const report = (loaded: number) => {
      // The multipart envelope adds a few hundred bytes: report the file's share of it.
      const sent = Math.min(total, loaded);
      if (sent === last) return;
      last = sent;
      this.progress({ uploadId, loaded: sent, total });
    };
    report(0);
    const attachment = await this.client().request('post', '/attachments', AttachmentResponse, {
      body: form,
      timeoutMs: UPLOAD_TIMEOUT_MS,
      onUploadProgress: (loaded) => report(loaded),
    });
    report(total);
    return attachment;
  }

  cancel(uploadId: string): null {
    this.uploads.delete(uploadId);
    return null;
  }

  /** Sign-out: nothing half-sent is kept. */
  clear(): void {
    this.uploads.clear();
  }

  private get(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw ApiError.of('INVALID_REQUEST', 'No such upload (finished, cancelled or expired).');
    return upload;
  }

  private dropAbandoned(): void {
    for (const [id, upload] of this.uploads) if (this.now() - upload.startedAt > ABANDONED_MS) this.uploads.delete(id);
  }
}
