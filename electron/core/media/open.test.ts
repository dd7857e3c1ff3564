import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '../../../shared/api/attachments';
import { createDesktopCore, type DesktopCore } from '../core';
import { MemorySecureStore, MemoryStore, type FileOpener, type Logger } from '../ports';
import { startFakeServer, type FakeServer } from '../testing/fake-server';
import { fileNameOf, OPENABLE_EXTENSIONS, openableType, safeFileName } from './open';

const quiet: Logger = { warn: () => undefined, error: () => undefined };
const PDF = ['pdf'];

describe('names of files opened with the computer’s apps', () => {
  it('keeps a plain name, and forces the extension of the checked type whatever the name says', () => {
    expect(safeFileName('invoice-1042.pdf', PDF, 'document')).toBe('invoice-1042.pdf');
    expect(safeFileName('Nota fiscal 1042.PDF', PDF, 'document')).toBe('Nota fiscal 1042.pdf');
    expect(safeFileName('invoice.pdf.exe', PDF, 'document')).toBe('invoice.pdf.exe.pdf');
    expect(safeFileName('run.bat', ['txt'], 'document')).toBe('run.bat.txt');
    expect(safeFileName('photo.jpeg', ['jpg', 'jpeg'], 'image')).toBe('photo.jpeg');
    expect(safeFileName('photo', ['jpg', 'jpeg'], 'image')).toBe('photo.jpg');
  });

  it('drops folders, control and direction characters, and what Windows forbids or reserves', () => {
    expect(safeFileName('../../etc/passwd', ['txt'], 'document')).toBe('passwd.txt');
    expect(safeFileName('C:\\Users\\x\\..\\evil.pdf', PDF, 'document')).toBe('evil.pdf');
    expect(safeFileName('a\u0000b\nc\u007f.pdf', PDF, 'document')).toBe('abc.pdf');
    // "invoice\u202Efdp.exe" shows as "invoiceexe.pdf" in a right-to-left trick.
    expect(safeFileName('invoice\u202Efdp.exe', PDF, 'document')).toBe('invoicefdp.exe.pdf');
    expect(safeFileName('report:stream?.pdf', PDF, 'document')).toBe('report_stream_.pdf');
    expect(safeFileName('CON.pdf', PDF, 'document')).toBe('_CON.pdf');
    expect(safeFileName('lpt1.tar.pdf', PDF, 'document')).toBe('_lpt1.tar.pdf');
    expect(safeFileName('.bashrc', ['txt'], 'document')).toBe('bashrc.txt');
    expect(safeFileName('name. . .', PDF, 'document')).toBe('name.pdf');
    expect(safeFileName(`${'é'.repeat(300)}.pdf`, PDF, 'document')).toBe(`${'é'.repeat(100)}.pdf`);
  });

  it('falls back to the type’s name with its extension when nothing of the name is left', () => {
    expect(safeFileName(null, PDF, 'document')).toBe('document.pdf');
    expect(safeFileName('', ['ogg', 'opus'], 'audio')).toBe('audio.ogg');
    expect(safeFileName('../..', PDF, 'document')).toBe('document.pdf');
    expect(safeFileName('\u202E\u0000', ['png'], 'image')).toBe('image.png');
  });

  it('opens every type WhatsApp takes and nothing else', () => {
    for (const limit of ATTACHMENT_LIMITS) for (const mime of limit.mimeTypes) expect(openableType(mime)?.type).toBe(limit.type);
    expect(Object.keys(OPENABLE_EXTENSIONS).sort()).toEqual(ATTACHMENT_LIMITS.flatMap((l) => l.mimeTypes).sort());
    for (const mime of ['application/octet-stream', 'application/x-msdownload', 'text/html', 'application/javascript', 'image/svg+xml', 'audio/x-wav']) {
      expect(openableType(mime)).toBeNull();
    }
    expect(openableType('Application/PDF; charset=binary')?.extensions).toEqual(['pdf']);
  });

  it('reads the file name from Content-Disposition, the UTF-8 form first', () => {
    expect(fileNameOf(`inline; filename="Nota_o.pdf"; filename*=UTF-8''Nota%20%C3%A7.pdf`)).toBe('Nota ç.pdf');
    expect(fileNameOf('attachment; filename="a \\"b\\".pdf"')).toBe('a "b".pdf');
    expect(fileNameOf('inline; filename=plain.txt')).toBe('plain.txt');
    expect(fileNameOf(`inline; filename*=UTF-8''%E0%A4%A; filename="fallback.pdf"`)).toBe('fallback.pdf');
    expect(fileNameOf('inline')).toBeNull();
    expect(fileNameOf(null)).toBeNull();
  });
});

describe('media:open through the desktop core', () => {
  let fake: FakeServer;
  let core: DesktopCore;
  let dir: string;
  let opened: string[];
  let openerFails: string | null;

  const opener: FileOpener = {
    open: async (path) => {
      if (openerFails) throw new Error(openerFails);
      opened.push(path);
    },
  };

  beforeEach(async () => {
    fake = await startFakeServer();
    dir = mkdtempSync(join(tmpdir(), 'core-open-'));
    opened = [];
    openerFails = null;
    core = createDesktopCore({
      secureStore: new MemorySecureStore(),
      settingsStore: new MemoryStore(),
      defaultServerUrl: fake.url,
      appInfo: { version: '1.0.0', platform: 'linux', host: 'electron', systemLocale: 'en' },
      emit: () => undefined,
      notify: () => undefined,
      log: quiet,
      mediaCache: { dir: join(dir, 'cache') },
      openFiles: { opener, dir: join(dir, 'open') },
    });
  });

  afterEach(async () => {
    core.stop();
    fake.dropStreams();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signIn = () => core.dispatch('auth:login', { serverUrl: fake.url, email: 'agent@demo.test', password: 'demo-password' });
  const pdf = new TextEncoder().encode('%PDF-1.4 fake');

  it('writes the bytes under the cleaned name in the app’s temp folder and hands that path to the system', async () => {
    fake.media.set('doc1', { bytes: pdf, type: 'application/pdf', disposition: `inline; filename="x.pdf"; filename*=UTF-8''..%2F..%2Fnota%E2%80%AE.pdf.exe` });
    await signIn();
    expect(await core.dispatch('media:open', { attachmentId: 'doc1' })).toEqual({ ok: true, data: null });
    expect(opened).toHaveLength(1);
    const path = opened[0]!;
    expect(basename(path)).toBe('nota.pdf.exe.pdf');
    expect(dirname(dirname(path))).toBe(join(dir, 'open'));
    expect(readFileSync(path)).toEqual(Buffer.from(pdf));
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o077).toBe(0);

    // Opened again: a new folder, the first file (maybe still open in a viewer) untouched.
    await core.dispatch('media:open', { attachmentId: 'doc1' });
    expect(opened[1]).not.toBe(path);
    expect(basename(opened[1]!)).toBe('nota.pdf.exe.pdf');
    expect(existsSync(path)).toBe(true);
  });

  it('names a file without a name after its type', async () => {
    fake.media.set('snd', { bytes: new Uint8Array([1, 2, 3]), type: 'audio/ogg' });
    await signIn();
    expect(await core.dispatch('media:open', { attachmentId: 'snd' })).toMatchObject({ ok: true });
    expect(basename(opened[0]!)).toBe('audio.ogg');
  });

  it('refuses a type WhatsApp does not take, whatever its name, without writing or opening anything', async () => {
    fake.media.set('exe', { bytes: new TextEncoder().encode('MZ'), type: 'application/x-msdownload', disposition: 'attachment; filename="invoice.pdf"' });
    fake.media.set('page', { bytes: new TextEncoder().encode('<script>1</script>'), type: 'text/html', disposition: 'inline; filename="a.txt"' });
    await signIn();
    expect(await core.dispatch('media:open', { attachmentId: 'exe' })).toMatchObject({ ok: false, error: { code: 'FILE_TYPE_NOT_OPENABLE' } });
    expect(await core.dispatch('media:open', { attachmentId: 'page' })).toMatchObject({ ok: false, error: { code: 'FILE_TYPE_NOT_OPENABLE' } });
    expect(opened).toEqual([]);
    expect(existsSync(join(dir, 'open'))).toBe(false);
  });

  it('answers the usual codes: not signed in, unknown attachment, bad id, and a system that could not open it', async () => {
    fake.media.set('doc1', { bytes: pdf, type: 'application/pdf' });
    expect(await core.dispatch('media:open', { attachmentId: 'doc1' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await signIn();
    expect(await core.dispatch('media:open', { attachmentId: 'missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await core.dispatch('media:open', { attachmentId: '../doc1' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    openerFails = 'No application is associated with the specified file';
    const failed = await core.dispatch('media:open', { attachmentId: 'doc1' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'FILE_OPEN_FAILED', message: expect.stringContaining('No application') } });
  });

  it('removes the opened files at sign-out and when the app stops', async () => {
    fake.media.set('doc1', { bytes: pdf, type: 'application/pdf' });
    await signIn();
    await core.dispatch('media:open', { attachmentId: 'doc1' });
    expect(existsSync(opened[0]!)).toBe(true);
    await core.dispatch('auth:logout', undefined);
    await expect.poll(() => existsSync(join(dir, 'open'))).toBe(false);

    await signIn();
    await core.dispatch('media:open', { attachmentId: 'doc1' });
    expect(existsSync(opened[1]!)).toBe(true);
    core.stop();
    expect(existsSync(join(dir, 'open'))).toBe(false);
  });

  it('is refused where the shell opens no files (the web host links to the media URL instead)', async () => {
    const web = createDesktopCore({
      secureStore: new MemorySecureStore(),
      settingsStore: new MemoryStore(),
      defaultServerUrl: fake.url,
      appInfo: { version: '1.0.0', platform: 'linux', host: 'web', systemLocale: 'en' },
      emit: () => undefined,
      notify: () => undefined,
      log: quiet,
      mediaCache: { dir: join(dir, 'web-cache') },
    });
    fake.media.set('doc1', { bytes: pdf, type: 'application/pdf' });
    await web.dispatch('auth:login', { serverUrl: fake.url, email: 'agent@demo.test', password: 'demo-password' });
    expect(await web.dispatch('media:open', { attachmentId: 'doc1' })).toMatchObject({ ok: false, error: { code: 'FILE_OPEN_FAILED' } });
    web.stop();
  });
});
