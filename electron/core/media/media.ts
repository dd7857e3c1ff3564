import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachmentLimitFor } from '../../../shared/api/attachments';
import { MediaId } from '../../../shared/ipc/media';
import type { ApiClient } from '../api/client';
import { ApiError } from '../errors';
import type { FileOpener, Logger } from '../ports';
import { MediaCache, type CachedMedia } from './cache';
import { fileNameOf, openableType, safeFileName } from './open';

/** How a shell opens files with the computer's apps (Electron), and where they are written first. */
export interface OpenFiles {
  opener: FileOpener;
  /** The app's folder for opened files; by default a private one made under the system's temp folder. */
  dir?: string;
}

/** What a shell answers a media request with (Electron's protocol handler, the web host's route). */
export interface MediaResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

const DOWNLOAD_TIMEOUT_MS = 120_000;

/** Only types a page may show or play are passed on as they are; anything else is a plain download. */
function safeContentType(value: string | null): string {
  const bare = (value ?? '').split(';')[0]!.trim().toLowerCase();
  if (/^(image\/(jpeg|png|webp|gif)|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+)$/.test(bare)) return value!.trim();
  if (attachmentLimitFor(bare)) return bare;
  return 'application/octet-stream';
}

/** The server's Content-Disposition, or a plain one when it is missing or odd. */
function safeDisposition(value: string | null): string {
  if (value && value.length <= 1000 && /^(inline|attachment)(;|$)/i.test(value) && !/[\r\n]/.test(value)) return value;
  return 'inline';
}

/** One `bytes=a-b` range (the only kind media elements ask for); null when absent or unusable. */
export function parseRange(header: string | null | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

const problem = (status: number): MediaResponse => ({ status, headers: { 'cache-control': 'no-store' }, body: null });

/**
 * Attachment bytes for the renderer, which never holds the token or knows the server: fetched
 * through the signed-in API client, kept in the disk cache, answered with byte ranges (video
 * seeking) and headers that stop the bytes from ever running as a page.
 */
export class MediaService {
  private readonly inFlight = new Map<string, Promise<CachedMedia>>();
  private openRoot: Promise<string> | null = null;
  private openRootPath: string | null = null;

  constructor(
    private readonly client: () => ApiClient | null,
    private readonly cache: MediaCache,
    private readonly log: Logger,
    /** Absent in the web host: a browser opens media itself, by URL. */
    private readonly openFiles: OpenFiles | null = null,
  ) {}

  /**
   * Opens an attachment with the computer's app for its type: written under its cleaned name
   * (open.ts) into a folder of its own inside the app's temp folder, then handed to the shell.
   * Only the types WhatsApp accepts are opened, whatever the name says; returns the path.
   */
  async open(attachmentId: string): Promise<string> {
    if (!this.openFiles) throw ApiError.of('FILE_OPEN_FAILED', 'This shell does not open files: the page opens the media URL instead.');
    if (!MediaId.safeParse(attachmentId).success) throw ApiError.of('INVALID_REQUEST', 'Not an attachment id.');
    const client = this.client();
    if (!client) throw ApiError.of('NOT_SIGNED_IN', 'Not signed in.');
    const media = await this.load(client, attachmentId);
    const openable = openableType(media.contentType);
    if (!openable) {
      this.log.warn(`refused to open a file of type ${media.contentType.slice(0, 100)}`);
      throw ApiError.of('FILE_TYPE_NOT_OPENABLE', `A ${media.contentType.slice(0, 100)} file is not opened.`);
    }
    const name = safeFileName(fileNameOf(media.disposition), openable.extensions, openable.type);
    let path: string;
    try {
      // One folder per open: two "invoice.pdf" never overwrite each other (or one still open in a viewer).
      const folder = await mkdtemp(join(await this.openFolder(), 'f-'));
      path = join(folder, name);
      await writeFile(path, media.bytes, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      this.log.warn('a file to open could not be written', error);
      throw ApiError.of('FILE_OPEN_FAILED', 'The file could not be written to the temp folder.');
    }
    try {
      await this.openFiles.opener.open(path);
    } catch (error) {
      this.log.warn('the system did not open a file', error);
      throw ApiError.of('FILE_OPEN_FAILED', `The system did not open it: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
    }
    return path;
  }

  async respond(attachmentId: string, range?: string | null): Promise<MediaResponse> {
    if (!MediaId.safeParse(attachmentId).success) return problem(400);
    const client = this.client();
    if (!client) return problem(401);
    let media: CachedMedia;
    try {
      media = await this.load(client, attachmentId);
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.code === 'NOT_FOUND') return problem(404);
        if (error.code === 'SESSION_EXPIRED' || error.code === 'UNAUTHENTICATED') return problem(401);
        return problem(error.appError.status && error.appError.status < 500 ? error.appError.status : 502);
      }
      this.log.warn('media could not be read', error);
      return problem(502);
    }
    const size = media.bytes.byteLength;
    const headers: Record<string, string> = {
      'content-type': media.contentType,
      'content-disposition': media.disposition ?? 'inline',
      'accept-ranges': 'bytes',
      'cache-control': 'private, max-age=86400',
      'x-content-type-options': 'nosniff',
      // Opened on its own, the content is inert: no script, no plugin, an opaque origin.
      'content-security-policy': "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
    };
    const wanted = parseRange(range, size);
    if (wanted === 'unsatisfiable') return { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` }, body: null };
    if (wanted) {
      return {
        status: 206,
        headers: { ...headers, 'content-range': `bytes ${wanted.start}-${wanted.end}/${size}`, 'content-length': String(wanted.end - wanted.start + 1) },
        body: media.bytes.subarray(wanted.start, wanted.end + 1),
      };
    }
    return { status: 200, headers: { ...headers, 'content-length': String(size) }, body: media.bytes };
  }

  private clearing: Promise<void> | null = null;

  /** Forgets every cached byte and every opened file (sign-out). Calls while one runs share it. */
  clear(): Promise<void> {
    this.clearing ??= Promise.all([this.cache.clear(), this.forgetOpened()])
      .then(() => undefined)
      .finally(() => {
        this.clearing = null;
      });
    return this.clearing;
  }

  /** Removes the opened files' folder now (the app is quitting: nothing asynchronous would finish). */
  forgetOpenedSync(): void {
    if (!this.openRootPath) return;
    try {
      rmSync(this.openRootPath, { recursive: true, force: true });
    } catch (error) {
      this.log.warn('opened files not removed', error);
    }
  }

  private async forgetOpened(): Promise<void> {
    const root = this.openRoot && (await this.openRoot.catch(() => null));
    this.openRoot = null;
    this.openRootPath = null;
    if (root) await rm(root, { recursive: true, force: true });
  }

  private openFolder(): Promise<string> {
    const given = this.openFiles?.dir;
    this.openRoot ??= (async () => {
      const root = given ? (await mkdir(given, { recursive: true, mode: 0o700 }), given) : await mkdtemp(join(tmpdir(), 'zapdesk-open-'));
      this.openRootPath = root;
      return root;
    })();
    const pending = this.openRoot;
    pending.catch(() => {
      if (this.openRoot === pending) this.openRoot = null;
    });
    return pending;
  }

  private load(client: ApiClient, id: string): Promise<CachedMedia> {
    const key = MediaCache.keyOf(client.serverUrl, id);
    const running = this.inFlight.get(key);
    if (running) return running;
    const task = (async () => {
      const cached = await this.cache.get(key);
      if (cached) return cached;
      const response = await client.getBytes(`/attachments/${encodeURIComponent(id)}/content`, { timeoutMs: DOWNLOAD_TIMEOUT_MS });
      const media: CachedMedia = {
        bytes: new Uint8Array(await response.arrayBuffer()),
        contentType: safeContentType(response.headers.get('content-type')),
        disposition: safeDisposition(response.headers.get('content-disposition')),
      };
      await this.cache.put(key, media).catch((error: unknown) => this.log.warn('media not cached', error));
      return media;
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, task);
    return task;
  }
}
