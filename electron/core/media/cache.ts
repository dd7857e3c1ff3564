import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedMedia {
  bytes: Uint8Array;
  contentType: string;
  /** The server's Content-Disposition (file name), or null. */
  disposition: string | null;
}

interface Entry {
  key: string;
  size: number;
  lastUsed: number;
}

export const DEFAULT_MEDIA_CACHE_BYTES = 200 * 1024 * 1024;

/**
 * Attachment bytes kept on disk, least recently used first out once the total passes `maxBytes`.
 * Attachments never change once ready, so an entry never goes stale; it is only evicted or
 * cleared (at sign-out: customers' media is not kept for the next user of the machine).
 * Each entry is two files: `<key>.bin` (bytes) and `<key>.json` (type and name); the JSON file's
 * modification time is its last use, so the order survives a restart.
 */
export class MediaCache {
  private entries: Map<string, Entry> | null = null;
  private loading: Promise<Map<string, Entry>> | null = null;
  private total = 0;

  constructor(
    private readonly dir: string,
    readonly maxBytes: number = DEFAULT_MEDIA_CACHE_BYTES,
    private readonly now: () => number = Date.now,
  ) {}

  /** `scope` keeps servers apart (ids are only unique per server). */
  static keyOf(scope: string, id: string): string {
    return createHash('sha256').update(`${scope}\n${id}`).digest('hex').slice(0, 40);
  }

  get usedBytes(): number {
    return this.total;
  }

  async get(key: string): Promise<CachedMedia | null> {
    const entries = await this.index();
    const entry = entries.get(key);
    if (!entry) return null;
    try {
      const [bytes, meta] = await Promise.all([readFile(this.file(key, 'bin')), readFile(this.file(key, 'json'), 'utf8')]);
      const { contentType, disposition } = JSON.parse(meta) as { contentType: string; disposition: string | null };
      entry.lastUsed = this.now();
      const seconds = entry.lastUsed / 1000;
      await utimes(this.file(key, 'json'), seconds, seconds).catch(() => undefined);
      return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType, disposition };
    } catch {
      // Removed or damaged behind our back: forget it.
      await this.remove(key);
      return null;
    }
  }

  /** Keeps the bytes unless they alone exceed the cap; evicts the least recently used as needed. */
  async put(key: string, media: CachedMedia): Promise<void> {
    const size = media.bytes.byteLength;
    if (size > this.maxBytes) return;
    const entries = await this.index();
    if (entries.has(key)) await this.remove(key);
    await this.evictFor(size);
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.file(key, 'bin'), media.bytes);
    await writeFile(this.file(key, 'json'), JSON.stringify({ contentType: media.contentType, disposition: media.disposition }));
    const now = this.now();
    await utimes(this.file(key, 'json'), now / 1000, now / 1000).catch(() => undefined);
    entries.set(key, { key, size, lastUsed: now });
    this.total += size;
  }

  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    this.entries = new Map();
    this.total = 0;
  }

  private async evictFor(incoming: number): Promise<void> {
    const entries = await this.index();
    if (this.total + incoming <= this.maxBytes) return;
    const oldestFirst = [...entries.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    for (const entry of oldestFirst) {
      if (this.total + incoming <= this.maxBytes) break;
      await this.remove(entry.key);
    }
  }

  private async remove(key: string): Promise<void> {
    const entries = await this.index();
    const entry = entries.get(key);
    if (entry) {
      entries.delete(key);
      this.total -= entry.size;
    }
    await Promise.all([rm(this.file(key, 'bin'), { force: true }), rm(this.file(key, 'json'), { force: true })]);
  }

  private file(key: string, ext: 'bin' | 'json'): string {
    return join(this.dir, `${key}.${ext}`);
  }

  /** Reads what an earlier run left, once. */
  private index(): Promise<Map<string, Entry>> {
    if (this.entries) return Promise.resolve(this.entries);
    this.loading ??= (async () => {
      const entries = new Map<string, Entry>();
      let total = 0;
      const names = await readdir(this.dir).catch(() => [] as string[]);
      for (const name of names) {
        if (!name.endsWith('.bin')) continue;
        const key = name.slice(0, -'.bin'.length);
        try {
          const [bin, meta] = await Promise.all([stat(this.file(key, 'bin')), stat(this.file(key, 'json'))]);
          entries.set(key, { key, size: bin.size, lastUsed: meta.mtimeMs });
          total += bin.size;
        } catch {
          await rm(this.file(key, 'bin'), { force: true });
        }
      }
      this.entries = entries;
      this.total = total;
      // A smaller cap than last time: trim at once.
      await this.evictFor(0);
      return entries;
    })();
    return this.loading;
  }
}
