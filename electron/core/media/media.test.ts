import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/ipc/media';
import { createDesktopCore, type DesktopCore } from '../core';
import { MemorySecureStore, MemoryStore, type Logger } from '../ports';
import { startFakeServer, type FakeServer } from '../testing/fake-server';
import { MediaCache } from './cache';
import { parseRange } from './media';

const quiet: Logger = { warn: () => undefined, error: () => undefined };
const bytesOf = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

describe('media cache on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'media-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the total under its cap, evicting the least recently used first, across a restart', async () => {
    let now = 1_000_000;
    const cache = new MediaCache(dir, 300, () => now);
    const put = (key: string) => cache.put(key, { bytes: bytesOf(100), contentType: 'image/png', disposition: null });
    await put('a');
    now += 1000;
    await put('b');
    now += 1000;
    await put('c');
    now += 1000;
    expect(await cache.get('a')).not.toBeNull(); // a is now the most recently used
    now += 1000;
    await put('d'); // over the cap: b goes, not a
    expect(cache.usedBytes).toBe(300);
    expect(await cache.get('b')).toBeNull();
    now += 1000;
    expect((await cache.get('a'))?.contentType).toBe('image/png');

    const again = new MediaCache(dir, 150, () => now); // a restart with a smaller cap
    expect(await again.get('a')).not.toBeNull(); // the most recently used survives the trim
    expect(again.usedBytes).toBeLessThanOrEqual(150);
    expect(await again.get('d')).toBeNull();
  });

  it('does not keep a file larger than the whole cache, and clears everything', async () => {
    const cache = new MediaCache(dir, 50);
    await cache.put('big', { bytes: bytesOf(51), contentType: 'video/mp4', disposition: null });
    expect(await cache.get('big')).toBeNull();
    await cache.put('small', { bytes: bytesOf(10), contentType: 'image/png', disposition: null });
    await cache.clear();
    expect(await cache.get('small')).toBeNull();
    expect(() => readdirSync(dir)).toThrow();
  });

  it('reads single byte ranges as media elements ask for them', () => {
    expect(parseRange('bytes=0-', 10)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=2-4', 10)).toEqual({ start: 2, end: 4 });
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=10-', 10)).toBe('unsatisfiable');
    expect(parseRange('items=1-2', 10)).toBeNull();
    expect(parseRange(undefined, 10)).toBeNull();
  });
});

describe('attachments through the desktop core', () => {
  let fake: FakeServer;
  let core: DesktopCore;
  let dir: string;
  let emitted: { channel: string; payload: any }[];

  beforeEach(async () => {
    fake = await startFakeServer();
    dir = mkdtempSync(join(tmpdir(), 'core-media-'));
    emitted = [];
    core = createDesktopCore({
      secureStore: new MemorySecureStore(),
      settingsStore: new MemoryStore(),
      defaultServerUrl: fake.url,
      appInfo: { version: '1.0.0', platform: 'linux', host: 'web', systemLocale: 'en' },
      emit: (channel, payload) => emitted.push({ channel, payload }),
      notify: () => undefined,
      log: quiet,
      mediaCache: { dir: join(dir, 'cache') },
    });
  });

  afterEach(async () => {
    core.stop();
    fake.dropStreams();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = () => core.dispatch('auth:login', { serverUrl: fake.url, email: 'agent@demo.test', password: 'demo-password' });
  const contentCalls = () => fake.calls.filter((c) => c.path.endsWith('/content')).length;

  it('serves media only when signed in, fetched once with the token and then from the disk cache', async () => {
    fake.media.set('img1', { bytes: bytesOf(20, 1), type: 'image/png', disposition: 'inline; filename="photo.png"' });
    expect((await core.media.respond('img1')).status).toBe(401);
    await signIn();

    const first = await core.media.respond('img1');
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('image/png');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['content-security-policy']).toContain('sandbox');
    expect(first.body).toEqual(bytesOf(20, 1));
    expect(fake.calls.find((c) => c.path.endsWith('/content'))?.auth).toMatch(/^Bearer access-/);

    const part = await core.media.respond('img1', 'bytes=5-9');
    expect(part).toMatchObject({ status: 206, headers: { 'content-range': 'bytes 5-9/20' } });
    expect(part.body?.byteLength).toBe(5);
    expect(contentCalls()).toBe(1); // the second answer came from the cache

    expect((await core.media.respond('nope')).status).toBe(404);
    expect((await core.media.respond('../etc/passwd')).status).toBe(400);
  });

  it('never lets a page-like type through, and forgets the cache at sign-out', async () => {
    fake.media.set('evil', { bytes: new TextEncoder().encode('<script>alert(1)</script>'), type: 'text/html' });
    await signIn();
    expect((await core.media.respond('evil')).headers['content-type']).toBe('application/octet-stream');
    await core.dispatch('auth:logout', undefined);
    expect((await core.media.respond('evil')).status).toBe(401);
    expect(readdirSync(dir)).not.toContain('cache');
  });

  it('refuses a file WhatsApp would not take before any byte moves', async () => {
    await signIn();
    const big = await core.dispatch('attachments:begin', { fileName: 'photo.png', mimeType: 'image/png', size: 6 * 1024 * 1024 });
    expect(big).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_TOO_LARGE' } });
    const exe = await core.dispatch('attachments:begin', { fileName: 'setup.exe', mimeType: 'application/x-msdownload', size: 10 });
    expect(exe).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_TYPE_NOT_ALLOWED' } });
    expect(fake.uploads).toHaveLength(0);
  });

  it('uploads a file sent in chunks as multipart, with progress, and sends it with a caption', async () => {
    await signIn();
    const size = UPLOAD_CHUNK_BYTES + 1000;
    const file = new Uint8Array(size).map((_, i) => i % 251);
    const begun = await core.dispatch('attachments:begin', { fileName: 'invoice.pdf', mimeType: 'application/pdf', size });
    if (!begun.ok) throw new Error(begun.error.message);
    const { uploadId } = begun.data as { uploadId: string };
    const send = (offset: number, end: number) =>
      core.dispatch('attachments:chunk', { uploadId, offset, data: Buffer.from(file.subarray(offset, end)).toString('base64') });
    expect(await send(0, UPLOAD_CHUNK_BYTES)).toMatchObject({ ok: true, data: { received: UPLOAD_CHUNK_BYTES } });
    // Out of order is refused, not spliced in.
    expect(await send(0, 10)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await send(UPLOAD_CHUNK_BYTES, size)).toMatchObject({ ok: true, data: { received: size } });

    const done = await core.dispatch('attachments:finish', { uploadId });
    expect(done).toMatchObject({ ok: true, data: { id: 'a1', fileName: 'invoice.pdf', size } });
    expect(fake.uploads[0]).toMatchObject({ fileName: 'invoice.pdf', type: 'application/pdf' });
    expect(Buffer.from(fake.uploads[0]!.bytes).equals(Buffer.from(file))).toBe(true);
    const progress = emitted.filter((e) => e.channel === 'event:upload').map((e) => e.payload);
    expect(progress.at(-1)).toEqual({ uploadId, loaded: size, total: size });
    expect(progress.every((p) => p.loaded <= size)).toBe(true);
    // Finished uploads are gone: a second finish is refused.
    expect(await core.dispatch('attachments:finish', { uploadId })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('refuses a chunk with more bytes than announced, and a send with neither text nor file', async () => {
    await signIn();
    const begun = await core.dispatch('attachments:begin', { fileName: 'a.txt', mimeType: 'text/plain', size: 3 });
    const { uploadId } = (begun as { data: { uploadId: string } }).data;
    const tooMuch = await core.dispatch('attachments:chunk', { uploadId, offset: 0, data: Buffer.from('abcd').toString('base64') });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const empty = await core.dispatch('messages:send', { conversationId: 'c1', text: '  ' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });
});
