import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';

type IpcHandler = (event: { senderFrame: unknown }, payload: unknown) => unknown;
const fakes = vi.hoisted(() => ({
  handlers: new Map<string, IpcHandler>(),
  openPath: vi.fn<(path: string) => Promise<string>>(),
}));
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: IpcHandler) => fakes.handlers.set(channel, handler) },
  shell: { openPath: fakes.openPath, openExternal: vi.fn() },
  safeStorage: { isEncryptionAvailable: () => false },
  BrowserWindow: class {},
  app: { isPackaged: true },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}));
vi.mock('electron-store', () => ({ default: class {} }));

const { registerInvokeHandlers } = await import('./ipc');
const { ShellFileOpener } = await import('./adapters');
const { createDesktopCore } = await import('../core/core');
const { MemorySecureStore, MemoryStore } = await import('../core/ports');
const { startFakeServer } = await import('../core/testing/fake-server');

/** The URL our window's top frame has in production (window.ts loads it, app-protocol.ts serves it). */
const RENDERER_URL = 'app://renderer/index.html';

describe('main: media:open from the renderer', () => {
  let fake: Awaited<ReturnType<typeof startFakeServer>>;
  let core: ReturnType<typeof createDesktopCore>;
  let dir: string;
  const mainFrame = { url: `${RENDERER_URL}#/conversations/c1` };
  const window = { webContents: { mainFrame } } as unknown as BrowserWindow;
  const invoke = (payload: unknown, senderFrame: unknown = mainFrame) => fakes.handlers.get('media:open')!({ senderFrame }, payload);

  beforeEach(async () => {
    delete process.env.ELECTRON_RENDERER_URL;
    fakes.handlers.clear();
    fakes.openPath.mockReset();
    fakes.openPath.mockResolvedValue('');
    fake = await startFakeServer();
    dir = mkdtempSync(join(tmpdir(), 'main-open-'));
    core = createDesktopCore({
      secureStore: new MemorySecureStore(),
      settingsStore: new MemoryStore(),
      defaultServerUrl: fake.url,
      appInfo: { version: '1.0.0', platform: 'linux', host: 'electron', systemLocale: 'en' },
      emit: () => undefined,
      notify: () => undefined,
      log: { warn: () => undefined, error: () => undefined },
      mediaCache: { dir: join(dir, 'cache') },
      openFiles: { opener: new ShellFileOpener(), dir: join(dir, 'open') },
    });
    registerInvokeHandlers(core.dispatch, () => window);
    await core.dispatch('auth:login', { serverUrl: fake.url, email: 'agent@demo.test', password: 'demo-password' });
    fake.media.set('doc1', { bytes: new TextEncoder().encode('%PDF-1.4'), type: 'application/pdf', disposition: 'inline; filename="invoice 1042.pdf"' });
  });

  afterEach(async () => {
    core.stop();
    fake.dropStreams();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a channel of the contract; from our window it writes the file and opens it with shell.openPath', async () => {
    expect(fakes.handlers.has('media:open')).toBe(true);
    expect(await invoke({ attachmentId: 'doc1' })).toEqual({ ok: true, data: null });
    expect(fakes.openPath).toHaveBeenCalledTimes(1);
    const path = fakes.openPath.mock.calls[0]![0];
    expect(path.startsWith(join(dir, 'open'))).toBe(true);
    expect(basename(path)).toBe('invoice 1042.pdf');
    expect(readFileSync(path, 'utf8')).toBe('%PDF-1.4');
  });

  it('refuses another frame and a malformed payload before the core does anything', async () => {
    const iframe = { url: RENDERER_URL };
    // Our top frame showing another page (file://, a dev server in a packaged app) is not our renderer.
    for (const url of ['file:///opt/ZapDesk/resources/app.asar/out/renderer/index.html', 'app://other/index.html', 'http://localhost:5173/']) {
      process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
      mainFrame.url = url;
      expect(await invoke({ attachmentId: 'doc1' }), url).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    mainFrame.url = RENDERER_URL;
    delete process.env.ELECTRON_RENDERER_URL;
    expect(await invoke({ attachmentId: 'doc1' }, iframe)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await invoke({ attachmentId: 'doc1' }, null)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await invoke({ attachmentId: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await invoke({ path: '/bin/sh' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(fakes.openPath).not.toHaveBeenCalled();
    expect(fake.calls.filter((c) => c.path.endsWith('/content'))).toHaveLength(0);
    expect(existsSync(join(dir, 'open'))).toBe(false);
  });

  it('turns the message shell.openPath gives when it cannot open the file into FILE_OPEN_FAILED', async () => {
    fakes.openPath.mockResolvedValue('Failed to open path');
    expect(await invoke({ attachmentId: 'doc1' })).toMatchObject({ ok: false, error: { code: 'FILE_OPEN_FAILED', message: expect.stringContaining('Failed to open path') } });
  });
});
