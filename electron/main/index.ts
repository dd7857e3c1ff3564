/** The Electron shell: lifecycle, the window, IPC wiring and OS adapters. No business rules. */
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { invokeChannels, type EventChannel } from '../../shared/ipc/contract';
import { createDesktopCore } from '../core/core';
import { ElectronSettingsStore, SafeStorageSecureStore } from './adapters';
import { createMainWindow, isOwnRenderer } from './window';

const APP_ID = 'com.zapdesk.console';
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAppUserModelId(APP_ID);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  void app.whenReady().then(start);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

async function start() {
  // Deny every permission request (camera, notifications via web API, geolocation...).
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const emit = (channel: EventChannel, payload: unknown) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
  };
  const core = createDesktopCore({
    secureStore: new SafeStorageSecureStore(),
    settingsStore: new ElectronSettingsStore(),
    defaultServerUrl: process.env.ZAPDESK_SERVER_URL,
    appInfo: { version: app.getVersion(), platform: process.platform, host: 'electron', systemLocale: app.getPreferredSystemLanguages()[0] ?? app.getLocale() },
    emit,
  });

  for (const channel of Object.keys(invokeChannels)) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isOwnRenderer(event.senderFrame, mainWindow)) {
        console.warn(`[main] refused ${channel} from an unexpected frame`);
        return { ok: false, error: { code: 'INVALID_REQUEST', message: 'Refused: unexpected sender.' } };
      }
      return core.dispatch(channel, payload);
    });
  }

  await core.start();
  mainWindow = createMainWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createMainWindow();
  });
  app.on('before-quit', () => core.stop());
}
