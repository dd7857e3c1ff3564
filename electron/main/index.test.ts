/**
 * The composition root (index.ts) on the fake electron module, with a fake core behind it: what
 * the agent notices of the shell. One instance; one sandboxed window that closes into the tray;
 * a re-sync after sleep; no permission for any page; every IPC channel behind the sender check;
 * notifications and tray counts from the core. (The updater's wiring has its own test.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreDeps } from '../core/core';
import type { DesktopNotification } from '../../shared/ipc/notifications';
import type { Settings } from '../../shared/ipc/settings';

const hoisted = vi.hoisted(() => ({
  createCore: (_deps: unknown): unknown => {
    throw new Error('no core yet');
  },
  policy: {} as Record<string, unknown>,
  startAtLogin: [] as boolean[],
}));
vi.mock('electron', () => import('./testing/fake-electron'));
vi.mock('../core/core', () => ({ createDesktopCore: (deps: unknown) => hoisted.createCore(deps) }));
vi.mock('../core/settings/policy', () => ({ readPolicy: async () => hoisted.policy }));
vi.mock('./adapters', () => ({ SafeStorageSecureStore: class {}, ElectronSettingsStore: class {}, ShellFileOpener: class {} }));
vi.mock('./login-item', () => ({ applyStartAtLogin: async (enabled: boolean) => void hoisted.startAtLogin.push(enabled) }));
vi.mock('./updates', () => ({ startAutoUpdates: () => null }));

const { app, fake, fakeEvent, powerMonitor } = await import('./testing/fake-electron');
const { invokeChannels } = await import('../../shared/ipc/contract');
const { SettingsService } = await import('../core/settings/settings');
const { MemoryStore } = await import('../core/ports');
const { APP_URL } = await import('./app-protocol');

/** What index.ts uses of the core, with real settings (defaults, IT policy, change listeners). */
function fakeCore(deps: CoreDeps) {
  return {
    deps,
    settings: new SettingsService(new MemoryStore(), 'https://zapdesk.example', deps.policy),
    dispatch: vi.fn(async (channel: string, _payload: unknown) => ({ ok: true, data: `answer to ${channel}` })),
    media: { respond: vi.fn() },
    start: vi.fn(async () => undefined),
    resume: vi.fn(async () => undefined),
    stop: vi.fn(),
    language: () => 'en' as const,
    linkDecision: () => 'refuse' as const,
  };
}

let core: ReturnType<typeof fakeCore> | null;
hoisted.createCore = (deps) => (core = fakeCore(deps as CoreDeps));

/** Microtasks first: everything index.ts awaits here is already resolved. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs main as `electron .` would (a fresh index.ts), once the app is ready; its window, if it made one. */
async function startMain(options: { lock?: boolean; argv?: string[] } = {}) {
  fake.singleInstanceLock = options.lock ?? true;
  const argv = process.argv;
  process.argv = [...argv, ...(options.argv ?? [])];
  try {
    vi.resetModules();
    await import('./index');
    await settle();
  } finally {
    process.argv = argv;
  }
  return fake.windows[0] ?? null;
}

function notification(conversationId: string | null): DesktopNotification {
  return { id: 'n1', kind: 'customer_replied', title: 'Maria Souza', body: 'Is my order on its way?', conversationId, urgency: 'normal', silent: false, createdAt: '2026-12-02T10:00:00.000Z' };
}

describe('main process (index.ts)', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    fake.reset();
    core = null;
    hoisted.policy = {};
    hoisted.startAtLogin.length = 0;
    delete process.env.ELECTRON_RENDERER_URL;
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  describe('single instance', () => {
    it('a second start, refused the lock, quits at once: no core, no window, no IPC', async () => {
      const window = await startMain({ lock: false });
      expect(app.quit).toHaveBeenCalled();
      expect(fake.hasQuit).toBe(true);
      expect(window).toBeNull();
      expect(core).toBeNull();
      expect(fake.ipcHandlers.size).toBe(0);
    });

    it('the running instance, asked again, brings its window back: restored, shown and focused', async () => {
      const window = (await startMain())!;
      window.emit('ready-to-show');
      window.minimize();
      app.emit('second-instance', fakeEvent(), ['zapdesk'], '/');
      expect(window.isMinimized()).toBe(false);
      expect(window.isVisible() && window.isFocused()).toBe(true);

      window.close(); // into the tray
      expect(window.isVisible()).toBe(false);
      app.emit('second-instance', fakeEvent(), ['zapdesk'], '/');
      expect(window.isVisible() && window.isFocused()).toBe(true);
      expect(fake.windows).toHaveLength(1);
      expect(app.quit).not.toHaveBeenCalled();
    });
  });

  describe('start-up', () => {
    it('opens one sandboxed, isolated window on our renderer once the core has started, and shows it when ready', async () => {
      hoisted.policy = { closeToTray: true };
      const window = (await startMain())!;
      expect(core!.start).toHaveBeenCalledTimes(1);
      expect(core!.deps.policy).toEqual({ closeToTray: true }); // IT policy reaches the core
      expect(core!.deps.appInfo).toEqual({ version: fake.version, platform: process.platform, host: 'electron', systemLocale: 'en-US' });
      expect(fake.windows).toHaveLength(1);
      expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(window.loaded).toEqual([APP_URL]);
      expect(window.webContents.navigate('https://evil.example/')).toBe(false);
      expect(window.webContents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
      expect(window.isVisible()).toBe(false);
      window.emit('ready-to-show');
      expect(window.isVisible()).toBe(true);
    });

    it('started at login (--hidden) it stays in the tray until the agent clicks the icon', async () => {
      const window = (await startMain({ argv: ['--hidden'] }))!;
      window.emit('ready-to-show');
      expect(window.isVisible()).toBe(false);
      fake.tray()!.click();
      expect(window.isVisible() && window.isFocused()).toBe(true);
    });

    it('--hidden without close-to-tray would leave no way back: the window shows', async () => {
      hoisted.policy = { closeToTray: false };
      const window = (await startMain({ argv: ['--hidden'] }))!;
      expect(fake.tray()).toBeNull();
      window.emit('ready-to-show');
      expect(window.isVisible()).toBe(true);
    });

    it('denies every permission a page asks for or checks', async () => {
      await startMain();
      for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'display-capture', 'unknown']) {
        expect(await fake.askPermission(permission, fake.windows[0]), permission).toBe(false);
        expect(fake.checkPermission(permission), permission).toBe(false);
      }
    });
  });

  describe('IPC', () => {
    it('answers every invoke channel of the contract, and nothing else, from our window’s top frame only', async () => {
      const window = (await startMain())!;
      const channels = Object.keys(invokeChannels);
      expect([...fake.ipcHandlers.keys()].sort()).toEqual([...channels].sort());
      const iframe = { url: APP_URL };
      for (const channel of channels) {
        core!.dispatch.mockClear();
        expect(await fake.invoke(channel, { probe: channel }, iframe), channel).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
        expect(await fake.invoke(channel, { probe: channel }, null), channel).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
        expect(core!.dispatch, channel).not.toHaveBeenCalled();
        expect(await fake.invoke(channel, { probe: channel }, window.webContents.mainFrame), channel).toEqual({ ok: true, data: `answer to ${channel}` });
        expect(core!.dispatch.mock.calls, channel).toEqual([[channel, { probe: channel }]]);
      }
    });

    it('refuses our own window once it shows another page', async () => {
      const window = (await startMain())!;
      window.webContents.mainFrame.url = 'https://evil.example/';
      expect(await fake.invoke('auth:status', undefined, window.webContents.mainFrame)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      expect(core!.dispatch).not.toHaveBeenCalled();
    });
  });

  describe('close to tray', () => {
    it('on (the default): closing the window hides it in the tray; the tray brings it back; Quit really closes it', async () => {
      const window = (await startMain())!;
      window.emit('ready-to-show');
      expect(fake.tray()).not.toBeNull();

      window.close();
      expect(window.isDestroyed()).toBe(false);
      expect(window.isVisible()).toBe(false);
      expect(app.quit).not.toHaveBeenCalled();
      expect(core!.stop).not.toHaveBeenCalled();

      fake.tray()!.click();
      expect(window.isVisible() && window.isFocused()).toBe(true);

      fake.tray()!.menu!.click('Quit');
      expect(window.isDestroyed()).toBe(true);
      expect(fake.hasQuit).toBe(true);
      expect(core!.stop).toHaveBeenCalledTimes(1);
      expect(fake.tray()).toBeNull();
    });

    it('off: no tray, and closing the window quits the app', async () => {
      const window = (await startMain())!;
      core!.settings.update({ closeToTray: false });
      expect(fake.tray()).toBeNull();
      window.close();
      expect(window.isDestroyed()).toBe(true);
      expect(fake.hasQuit).toBe(true);
      expect(core!.stop).toHaveBeenCalledTimes(1);
    });

    it('the tray and start at login follow the settings as they change', async () => {
      await startMain();
      expect(hoisted.startAtLogin).toEqual([false]);
      core!.settings.update({ closeToTray: false });
      expect(fake.tray()).toBeNull();
      core!.settings.update({ closeToTray: true, startAtLogin: true } satisfies Partial<Settings>);
      expect(fake.tray()).not.toBeNull();
      expect(hoisted.startAtLogin.at(-1)).toBe(true);
    });
  });

  describe('the core’s output', () => {
    it('a notification click brings the window forward and tells the renderer which conversation to open', async () => {
      const window = (await startMain())!;
      window.emit('ready-to-show');
      window.close(); // in the tray
      core!.deps.notify(notification('c42'));
      const shown = fake.notifications[0]!;
      expect(shown.shown).toBe(true);
      expect(shown.options).toMatchObject({ title: 'Maria Souza', body: 'Is my order on its way?' });
      expect(window.flashing).toBe(true);

      shown.click();
      expect(window.isVisible() && window.isFocused()).toBe(true);
      expect(window.flashing).toBe(false);
      expect(window.webContents.sent).toContainEqual({ channel: 'event:navigate', payload: { conversationId: 'c42' } });
    });

    it('focusing the window marks notifications seen', async () => {
      const window = (await startMain())!;
      expect(core!.dispatch).not.toHaveBeenCalled();
      window.show();
      expect(core!.dispatch.mock.calls).toEqual([['notifications:seen', undefined]]);
    });

    it('events reach the page; counts reach the tray; nothing is sent once the window is gone', async () => {
      const window = (await startMain())!;
      core!.deps.emit('event:connection', { state: 'online' });
      expect(window.webContents.sent).toEqual([{ channel: 'event:connection', payload: { state: 'online' } }]);
      core!.deps.onCountsChanged!({ unread: 4, expiring: 2 });
      expect(fake.tray()!.tooltip).toBe('ZapDesk: 4 unread · 2 expiring soon');

      core!.settings.update({ closeToTray: false });
      window.close();
      expect(() => core!.deps.emit('event:connection', { state: 'offline' })).not.toThrow();
    });
  });

  describe('sleep', () => {
    it('after a resume or a screen unlock the core re-syncs its deadlines', async () => {
      await startMain();
      expect(core!.resume).not.toHaveBeenCalled();
      powerMonitor.emit('resume');
      expect(core!.resume).toHaveBeenCalledTimes(1);
      powerMonitor.emit('unlock-screen');
      expect(core!.resume).toHaveBeenCalledTimes(2);
      powerMonitor.emit('lock-screen');
      expect(core!.resume).toHaveBeenCalledTimes(2);
    });
  });
});
