/** The app's updater glue: installed apps only, settings and policy re-applied, the user told in their language. */
import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/ipc/settings';

vi.mock('electron', () => import('./testing/fake-electron'));
const autoUpdater = Object.assign(new EventEmitter(), {
  autoDownload: false,
  autoInstallOnAppQuit: false,
  allowPrerelease: false,
  allowDowngrade: true,
  channel: null as string | null,
  setFeedURL: vi.fn(),
  checkForUpdates: vi.fn(async () => null),
});
vi.mock('electron-updater', () => ({ default: { autoUpdater } }));
const { app, fake } = await import('./testing/fake-electron');
const { startAutoUpdates } = await import('./updates');

function core(values: Partial<Settings> = {}) {
  let current = { ...DEFAULT_SETTINGS, serverUrl: 'https://helpdesk.example.com', ...values } as Settings;
  const listeners: (() => void)[] = [];
  return {
    language: () => 'pt-BR' as const,
    settings: {
      get: () => current,
      onChange: (listener: () => void) => void listeners.push(listener),
      change: (patch: Partial<Settings>) => {
        current = { ...current, ...patch };
        listeners.forEach((l) => l());
      },
    },
  };
}

describe('main: automatic updates', () => {
  beforeEach(() => {
    fake.reset();
    autoUpdater.removeAllListeners();
    autoUpdater.checkForUpdates.mockClear();
    autoUpdater.setFeedURL.mockClear();
  });

  it('never runs from a development checkout', () => {
    app.isPackaged = false;
    expect(startAutoUpdates(core() as never)).toBeNull();
    expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled();
  });

  it('checks at start, follows a policy change to the mirror, and says in the user language when a version is ready', () => {
    const c = core();
    expect(startAutoUpdates(c as never)).not.toBeNull();
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
    c.settings.change({ updateUrl: 'https://updates.example.com/zapdesk' });
    expect(autoUpdater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.example.com/zapdesk', channel: 'latest' });
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(2);
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    expect(fake.notifications.at(-1)?.options).toMatchObject({ title: 'ZapDesk 0.2.0 está pronto', body: 'Será instalado quando você sair do ZapDesk.' });
    expect(fake.notifications.at(-1)?.shown).toBe(true);
    c.settings.change({ autoUpdate: false });
    c.settings.change({ language: 'es' });
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(2);
  });
});
