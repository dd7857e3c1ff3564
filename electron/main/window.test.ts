import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./testing/fake-electron'));
const { app, fake } = await import('./testing/fake-electron');
const openLink = vi.fn<(url: string) => void>();

const { createMainWindow, devRendererUrl, isOwnRenderer } = await import('./window');
const { APP_URL, answerApp, handleAppScheme, registerSchemes } = await import('./app-protocol');

describe('main window', () => {
  beforeEach(() => {
    fake.reset();
    openLink.mockClear();
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173/';
  });
  afterAll(() => {
    delete process.env.ELECTRON_RENDERER_URL;
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app and loads app://renderer/index.html', () => {
    createMainWindow(false, openLink);
    expect(fake.windows[0]!.loaded).toEqual([APP_URL]);
    expect(devRendererUrl(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' })).toBeNull();
    expect(devRendererUrl(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' })).toBe('http://localhost:5173/');
    expect(devRendererUrl(false, { ELECTRON_RENDERER_URL: 'https://evil.example/' })).toBeNull();
    expect(devRendererUrl(false, {})).toBeNull();
  });

  it('loads the dev server only in a development run', () => {
    app.isPackaged = false;
    createMainWindow(false, openLink);
    expect(fake.windows[0]!.loaded).toEqual(['http://localhost:5173/']);
  });

  it('is sandboxed and isolated, denies navigation and every new window, hands links to the link opener', () => {
    const window = createMainWindow(false, openLink);
    const shown = fake.windows[0]!;
    expect(shown.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(shown.webContents.navigate('https://evil.example/')).toBe(false);
    expect(shown.webContents.mainFrame.url).toBe(APP_URL);
    const links = ['https://www.whatsapp.com/legal', 'mailto:help@example.com', 'http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/x', 'https://user:pw@example.com'];
    for (const url of links) expect(shown.webContents.openWindow(url), url).toEqual({ action: 'deny' });
    // links.ts decides what leaves the app (links.test.ts); the window never opens one itself.
    expect(openLink.mock.calls.map(([url]) => url)).toEqual(links);
    // The sender check: our top frame on app://renderer/index.html, nothing else.
    const frame = shown.webContents.mainFrame;
    frame.url = `${APP_URL}#/inbox`;
    expect(isOwnRenderer(frame as never, window)).toBe(true);
    frame.url = 'http://localhost:5173/';
    expect(isOwnRenderer(frame as never, window)).toBe(false);
    expect(isOwnRenderer({ url: APP_URL } as never, window)).toBe(false);
  });

  it('shows itself once ready, unless started hidden into the tray', () => {
    createMainWindow(false, openLink);
    createMainWindow(true, openLink);
    const [visible, hidden] = fake.windows;
    expect(visible!.isVisible()).toBe(false); // show: false until the first paint
    for (const window of [visible!, hidden!]) window.emit('ready-to-show');
    expect(visible!.isVisible()).toBe(true);
    expect(hidden!.isVisible()).toBe(false);
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
    expect(fake.privilegedSchemes.map((s) => s.scheme)).toEqual(['app', 'zapdesk-media']);
    expect(fake.privilegedSchemes[0]!.privileges).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    handleAppScheme(root);
    const page = await fake.request(APP_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('ZapDesk');
    const script = await fake.request('app://renderer/assets/app.js');
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
