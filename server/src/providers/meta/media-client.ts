/**
 * Media through the Graph API (whatsapp-protocol.md §1.8): uploading a file to send by id, and
 * fetching what a customer sent (`GET /{media-id}` for a short-lived URL, then that URL with the
 * bearer token). The token only ever travels in headers, to Meta (see GraphClient.download).
 */
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/api/attachments';
import type { MetaConfig } from './config';
import type { GraphClient } from './graph-client';

interface MediaInfo {
  url?: unknown;
  mime_type?: unknown;
  sha256?: unknown;
  file_size?: unknown;
}

export class MetaMediaClient {
  constructor(
    private readonly graph: GraphClient,
    private readonly config: MetaConfig,
  ) {}

  /** Uploads a file for this business number; resolves with WhatsApp's media id (valid 30 days). */
  async upload(file: { bytes: Buffer; mimeType: string; fileName: string | null }): Promise<string> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', file.mimeType);
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.mimeType }), file.fileName ?? 'file');
    const answer = await this.graph.postForm<{ id?: unknown }>(`${this.config.phoneNumberId}/media`, form, file.bytes.length);
    if (typeof answer?.id !== 'string' || !answer.id) throw new Error('Graph API media upload: answered without a media id');
    return answer.id;
  }

  /** The bytes of a media id from a webhook, with the MIME type WhatsApp reports. */
  async fetch(mediaId: string): Promise<{ bytes: Buffer; mimeType: string | null }> {
    if (!/^[A-Za-z0-9._-]{1,200}$/.test(mediaId)) throw new Error('not a WhatsApp media id');
    const info = await this.graph.get<MediaInfo>(mediaId);
    if (typeof info?.url !== 'string') throw new Error('Graph API media lookup: answered without a URL');
    const { bytes, contentType } = await this.graph.download(info.url, MAX_ATTACHMENT_BYTES);
    const reported = typeof info.mime_type === 'string' ? info.mime_type : contentType;
    return { bytes, mimeType: reported ? reported.split(';')[0]!.trim().toLowerCase() : null };
  }
}
