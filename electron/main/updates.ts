/** The app's own updates: electron-updater's autoUpdater driven by UpdateService (updater.ts) and the settings. */
import { app, Notification } from 'electron';
import electronUpdater from 'electron-updater';
import { translate } from '../../shared/i18n';
import type { DesktopCore } from '../core/core';
import { UpdateService, type Updater } from './updater';

/** Installed apps only: a development run has no feed and never checks. */
export function startAutoUpdates(core: Pick<DesktopCore, 'settings' | 'language'>): UpdateService | null {
  if (!app.isPackaged) return null;
  const updates = new UpdateService({
    updater: electronUpdater.autoUpdater as unknown as Updater,
    settings: () => core.settings.get(),
    isPackaged: true,
    onReady: (version) => {
      const language = core.language();
      new Notification({ title: translate(language, 'updates.readyTitle', { version }), body: translate(language, 'updates.readyBody') }).show();
    },
    log: { info: (message) => console.log(`[main] ${message}`), warn: (message) => console.warn(`[main] ${message}`) },
  });
  core.settings.onChange(() => updates.apply());
  updates.apply();
  return updates;
}
