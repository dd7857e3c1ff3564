import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, shell, type WebFrameMain } from 'electron';

const RENDERER_HTML = join(import.meta.dirname, '../renderer/index.html');
const DEV_URL = process.env.ELECTRON_RENDERER_URL;

/** Is this frame our own renderer's top frame? (the sender check for every IPC message) */
export function isOwnRenderer(frame: WebFrameMain | null, window: BrowserWindow | null): boolean {
  if (!frame || !window || frame !== window.webContents.mainFrame) return false;
  if (DEV_URL) return new URL(frame.url).origin === new URL(DEV_URL).origin;
  return frame.url.split('#')[0] === pathToFileURL(RENDERER_HTML).href;
}

/** `hidden`: started at login into the tray; the window shows when asked for. */
export function createMainWindow(hidden = false): BrowserWindow {
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
  // No navigation away from the app, no new windows; vetted https links open in the browser.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (DEV_URL) void window.loadURL(DEV_URL);
  else void window.loadFile(RENDERER_HTML);
  return window;
}
