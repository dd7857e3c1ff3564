/** The Electron shell: lifecycle, the window, tray, notifications, IPC wiring and OS adapters. No business rules. */
import { join } from 'node:path';
import { app, BrowserWindow, powerMonitor, session } from 'electron';
import type { EventChannel } from '../../shared/ipc/contract';
import type { Language } from '../../shared/ipc/settings';
import { createDesktopCore } from '../core/core';
import { consoleLogger } from '../core/ports';
import { readPolicy } from '../core/settings/policy';
import { ElectronSettingsStore, SafeStorageSecureStore, ShellFileOpener } from './adapters';
import { registerInvokeHandlers } from './ipc';
import { applyStartAtLogin } from './login-item';
import { handleAppScheme, registerSchemes } from './app-protocol';
import { LinkOpener } from './links';
import { handleMediaScheme } from './media-protocol';
import { NotificationService } from './notifications';
import { AppTray } from './tray';
import { startAutoUpdates } from './updates';
import { createMainWindow, RENDERER_DIR } from './window';

const APP_ID = 'com.zapdesk.console';
let mainWindow: BrowserWindow | null = null;
let quitting = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAppUserModelId(APP_ID);
  registerSchemes();
  app.on('second-instance', () => showWindow());
  void app.whenReady().then(start);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('window-all-closed', () => {
    // With close-to-tray the window is hidden, never closed, so this means: really quit.
    if (process.platform !== 'darwin') app.quit();
  });
}

/** The disk cache's cap for attachment bytes: ZAPDESK_MEDIA_CACHE_MB (16-10240), else the core's default (200 MB). */
function mediaCacheBytes(): number | undefined {
  const mb = Number(process.env.ZAPDESK_MEDIA_CACHE_MB);
  return Number.isInteger(mb) && mb >= 16 && mb <= 10_240 ? mb * 1024 * 1024 : undefined;
}

function showWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start() {
  // Deny every permission request (camera, notifications via web API, geolocation...).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const emit = (channel: EventChannel, payload: unknown) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
  };
  const notifications = new NotificationService(
    () => mainWindow,
    (conversationId) => emit('event:navigate', { conversationId }),
  );
  // The core is made below and may report counts while it starts: English until then.
  let language = (): Language => 'en';
  const tray = new AppTray(showWindow, () => app.quit(), () => language());
  const core = createDesktopCore({
    secureStore: new SafeStorageSecureStore(),
    settingsStore: new ElectronSettingsStore(),
    draftStore: new ElectronSettingsStore('drafts'),
    policy: await readPolicy({ platform: process.platform, log: consoleLogger }),
    defaultServerUrl: process.env.ZAPDESK_SERVER_URL,
    appInfo: { version: app.getVersion(), platform: process.platform, host: 'electron', systemLocale: app.getPreferredSystemLanguages()[0] ?? app.getLocale() },
    emit,
    notify: (notification) => notifications.show(notification),
    onCountsChanged: (counts) => tray.update(counts),
    mediaCache: { dir: join(app.getPath('userData'), 'media-cache'), maxBytes: mediaCacheBytes() },
    // "Open" on an attachment: written to a private folder under the system's temp folder, then shell.openPath.
    openFiles: { opener: new ShellFileOpener() },
  });
  language = () => core.language();
  // Media reaches the renderer as zapdesk-media://media/<id>, answered by the core.
  handleMediaScheme(core.media);
  // The renderer itself, as app://renderer/ (no file:// page: it could read any local file).
  handleAppScheme(RENDERER_DIR);

  registerInvokeHandlers(core.dispatch, () => mainWindow);

  // Timers do not run during sleep: re-sync on wake and unlock, fire what was missed once.
  powerMonitor.on('resume', () => void core.resume());
  powerMonitor.on('unlock-screen', () => void core.resume());

  const applyDesktopSettings = () => {
    const { closeToTray, startAtLogin } = core.settings.get();
    if (closeToTray) tray.create();
    else tray.destroy();
    void applyStartAtLogin(startAtLogin).catch((error: unknown) => console.warn('[main] start at login not applied', error));
  };
  core.settings.onChange(applyDesktopSettings);
  applyDesktopSettings();

  await core.start();
  startAutoUpdates(core);
  const links = new LinkOpener(core, () => mainWindow);
  const openWindow = (hidden: boolean) => {
    mainWindow = createMainWindow(hidden, (url) => void links.open(url));
    mainWindow.on('close', (event) => {
      if (!quitting && core.settings.get().closeToTray) {
        event.preventDefault();
        mainWindow?.hide();
      }
    });
    mainWindow.on('focus', () => {
      mainWindow?.flashFrame(false);
      void core.dispatch('notifications:seen', undefined);
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };
  openWindow(process.argv.includes('--hidden') && core.settings.get().closeToTray);
  app.on('activate', () => {
    if (!mainWindow) openWindow(false);
    else showWindow();
  });
  app.on('before-quit', () => {
    notifications.closeAll();
    tray.destroy();
    core.stop();
  });
}
