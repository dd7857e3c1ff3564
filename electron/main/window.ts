import { join } from 'node:path';
import { app, BrowserWindow, type WebFrameMain } from 'electron';
import { APP_URL } from './app-protocol';

/** The built renderer, served as app://renderer/ (see app-protocol.ts). */
export const RENDERER_DIR = join(import.meta.dirname, '../renderer');

/**
 * electron-vite's dev server, only in a development run: a packaged app ignores
 * ELECTRON_RENDERER_URL (any page would otherwise get the full window.api).
 */
export function devRendererUrl(isPackaged: boolean = app.isPackaged, env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname) ? url : null;
  } catch {
    return null;
  }
}

/** Is this frame our own renderer's top frame? (the sender check for every IPC message) */
export function isOwnRenderer(frame: WebFrameMain | null, window: BrowserWindow | null): boolean {
  if (!frame || !window || frame !== window.webContents.mainFrame) return false;
  const dev = devRendererUrl();
  if (dev) return new URL(frame.url).origin === new URL(dev).origin;
  return frame.url.split('#')[0] === APP_URL;
}

/**
 * `hidden`: started at login into the tray; the window shows when asked for. `openLink` gets
 * every link the page wants in a new window (links.ts decides whether it leaves the app).
 */
export function createMainWindow(hidden: boolean, openLink: (url: string) => void): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'ZapDesk',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
    },
  });
  if (!hidden) window.once('ready-to-show', () => window.show());
  // No navigation away from the app, no new windows; vetted https/mailto links open outside.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    openLink(url);
    return { action: 'deny' };
  });
  void window.loadURL(devRendererUrl() ?? APP_URL);
  return window;
}
