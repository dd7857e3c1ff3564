import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./testing/fake-electron'));
vi.mock('electron-store', () => ({ default: class {} }));
const { BrowserWindow, fake: fakeElectron, shell } = await import('./testing/fake-electron');

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
  let window: InstanceType<typeof BrowserWindow>;
  let mainFrame: { url: string };
  const invoke = (payload: unknown, senderFrame: { url: string } | null = mainFrame) => fakeElectron.invoke('media:open', payload, senderFrame);

  beforeEach(async () => {
    delete process.env.ELECTRON_RENDERER_URL;
    fakeElectron.reset();
    window = new BrowserWindow();
    await window.loadURL(`${RENDERER_URL}#/conversations/c1`);
    mainFrame = window.webContents.mainFrame;
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
    registerInvokeHandlers(core.dispatch, () => window as never);
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
    expect(fakeElectron.ipcHandlers.has('media:open')).toBe(true);
    expect(await invoke({ attachmentId: 'doc1' })).toEqual({ ok: true, data: null });
    expect(shell.openPath).toHaveBeenCalledTimes(1);
    const path = shell.openPath.mock.calls[0]![0];
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
    expect(shell.openPath).not.toHaveBeenCalled();
    expect(fake.calls.filter((c) => c.path.endsWith('/content'))).toHaveLength(0);
    expect(existsSync(join(dir, 'open'))).toBe(false);
  });

  it('turns the message shell.openPath gives when it cannot open the file into FILE_OPEN_FAILED', async () => {
    shell.openPath.mockResolvedValue('Failed to open path');
    expect(await invoke({ attachmentId: 'doc1' })).toMatchObject({ ok: false, error: { code: 'FILE_OPEN_FAILED', message: expect.stringContaining('Failed to open path') } });
  });
});
