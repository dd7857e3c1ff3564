import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const fakes = vi.hoisted(() => ({
  app: { isPackaged: true },
  openLink: vi.fn<(url: string) => void>(),
  windows: [] as {
    options: { webPreferences: Record<string, unknown> };
    loaded: string[];
    listeners: Map<string, (event: { preventDefault: () => void }) => void>;
    openHandler?: (details: { url: string }) => { action: string };
  }[],
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
}));
vi.mock('electron', () => ({
  app: fakes.app,
  protocol: {
    registerSchemesAsPrivileged: (schemes: { scheme: string; privileges: Record<string, boolean> }[]) => fakes.privileged.splice(0, Infinity, ...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => fakes.handlers.set(scheme, handler),
  },
  BrowserWindow: class {
    record: (typeof fakes.windows)[number];
    webContents: unknown;
    constructor(options: (typeof fakes.windows)[number]['options']) {
      this.record = { options, loaded: [], listeners: new Map() };
      fakes.windows.push(this.record);
      const record = this.record;
      this.webContents = {
        mainFrame: {},
        on: (name: string, listener: (event: { preventDefault: () => void }) => void) => record.listeners.set(name, listener),
        setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => (record.openHandler = handler),
      };
    }
    once() {}
    loadURL(url: string) {
      this.record.loaded.push(url);
      return Promise.resolve();
    }
    loadFile(path: string) {
      this.record.loaded.push(`file:${path}`);
      return Promise.resolve();
    }
  },
}));

const { createMainWindow, devRendererUrl, isOwnRenderer } = await import('./window');
const { APP_URL, answerApp, handleAppScheme, registerSchemes } = await import('./app-protocol');

describe('main window', () => {
  beforeEach(() => {
    fakes.windows.length = 0;
    fakes.openLink.mockClear();
    fakes.app.isPackaged = true;
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
  });
  afterAll(() => {
    delete process.env.ELECTRON_RENDERER_URL;
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app and loads app://renderer/index.html', () => {
    createMainWindow(false, fakes.openLink);
    expect(fakes.windows[0]!.loaded).toEqual([APP_URL]);
    expect(devRendererUrl(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' })).toBeNull();
    expect(devRendererUrl(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' })).toBe('http://localhost:5173/');
    expect(devRendererUrl(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeNull();
    expect(devRendererUrl(false, {})).toBeNull();
  });

  it('loads the dev server only in a development run', () => {
    fakes.app.isPackaged = false;
    createMainWindow(false, fakes.openLink);
    expect(fakes.windows[0]!.loaded).toEqual(['http://localhost:5173/']);
  });

  it('is sandboxed and isolated, denies navigation and every new window, hands links to the link opener', () => {
    const window = createMainWindow(false, fakes.openLink);
    const record = fakes.windows[0]!;
    expect(record.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    const navigation = { preventDefault: vi.fn() };
    record.listeners.get('will-navigate')!(navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
    const links = ['https://www.whatsapp.com/legal', 'mailto:help@example.com', 'http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/x', 'https://user:pw@example.com'];
    for (const url of links) expect(record.openHandler!({ url }), url).toEqual({ action: 'deny' });
    // links.ts decides what leaves the app (links.test.ts); the window never opens one itself.
    expect(fakes.openLink.mock.calls.map(([url]) => url)).toEqual(links);
    // The sender check: our top frame on app://renderer/index.html, nothing else.
    const frame = (window.webContents as unknown as { mainFrame: { url: string } }).mainFrame;
    frame.url = `${APP_URL}#/inbox`;
    expect(isOwnRenderer(frame as never, window)).toBe(true);
    frame.url = 'http://localhost:5173/';
    expect(isOwnRenderer(frame as never, window)).toBe(false);
    expect(isOwnRenderer({ url: APP_URL } as never, window)).toBe(false);
  });
});

describe('app: scheme', () => {
  const root = mkdtempSync(join(tmpdir(), 'app-scheme-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>ZapDesk</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, '..', 'secret.txt'), 'outside');
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(join(root, '..', 'secret.txt'), { force: true });
  });

  it('is registered as a standard secure scheme together with zapdesk-media, and serves the renderer', async () => {
    registerSchemes();
    expect(fakes.privileged.map((s) => s.scheme)).toEqual(['app', 'zapdesk-media']);
    expect(fakes.privileged[0]!.privileges).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    handleAppScheme(root);
    const handler = fakes.handlers.get('app')!;
    const page = await handler(new Request(APP_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('ZapDesk');
    const script = await handler(new Request('app://renderer/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses path traversal, other hosts, missing files and writes', async () => {
    const status = async (url: string, init?: RequestInit) => (await answerApp(root, new Request(url, init))).status;
    expect(await status('app://renderer/../secret.txt')).toBe(404); // URL parsing already drops the ..
    expect(await status('app://renderer/%2e%2e/secret.txt')).toBe(404);
    expect(await status('app://renderer/assets/..%2f..%2fsecret.txt')).toBe(404);
    expect(await status('app://renderer/%2e%2e%5csecret.txt')).toBe(404);
    expect(await status(`app://renderer/${encodeURIComponent(join(root, '..', 'secret.txt'))}`)).toBe(404);
    expect(await status('app://renderer/assets%00/app.js')).toBe(404);
    expect(await status('app://renderer/%E0%A4%A')).toBe(400);
    expect(await status('app://other/index.html')).toBe(404);
    expect(await status('app://renderer/missing.js')).toBe(404);
    expect(await status('app://renderer/assets')).toBe(404); // a folder
    expect(await status(APP_URL, { method: 'POST', body: 'x' })).toBe(405);
  });
});
