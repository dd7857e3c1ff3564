/**
 * Updates of the installed app (issue 16): electron-updater checks the feed at start and every
 * few hours, downloads in the background and installs when the app quits; the user is told when
 * a version is ready. IT policy decides: `autoUpdate` (off: never checks), `updateChannel`
 * (stable, beta) and `updateUrl` (an internal mirror instead of the feed built into the
 * installer). No Electron import here: the updater is handed in (electron-updater's autoUpdater
 * in the app, a real updater on a local feed in the tests).
 */
import type { Settings } from '../../shared/ipc/settings';

export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

/** What of electron-updater's AppUpdater this uses. */
export interface Updater {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

export interface UpdateDeps {
  updater: Updater;
  settings: () => Pick<Settings, 'autoUpdate' | 'updateChannel' | 'updateUrl'>;
  /** Only an installed app updates itself (a development run has no feed). */
  isPackaged: boolean;
  /** The version is ready: tell the user it installs when the app quits. */
  onReady: (version: string) => void;
  log: { info(message: string): void; warn(message: string): void };
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/** Wires the updater to the settings: call `apply()` at start and whenever settings change. */
export class UpdateService {
  private timer: unknown = null;
  private readonly every: (fn: () => void, ms: number) => unknown;
  private readonly stopEvery: (handle: unknown) => void;
  /** The feed as last configured, so a settings change that does not touch updates does not re-check. */
  private configured: string | null = null;

  constructor(private readonly deps: UpdateDeps) {
    this.every = deps.setInterval ?? ((fn, ms) => setInterval(fn, ms));
    this.stopEvery = deps.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
    const { updater } = deps;
    updater.autoDownload = true;
    updater.autoInstallOnAppQuit = true;
    updater.on('update-downloaded', (info) => deps.onReady(info.version));
    // A failed check (offline, mirror down) is retried at the next interval; never shown as a crash.
    updater.on('error', (error) => deps.log.warn(`update check failed: ${error.message}`));
  }

  apply(): void {
    const { autoUpdate, updateChannel, updateUrl } = this.deps.settings();
    if (!this.deps.isPackaged || !autoUpdate) {
      this.stop();
      return;
    }
    const wanted = `${updateChannel} ${updateUrl}`;
    if (wanted === this.configured) return;
    this.configured = wanted;
    const { updater } = this.deps;
    // Beta takes pre-releases; stable never goes back down from one (allowDowngrade stays off).
    updater.allowPrerelease = updateChannel === 'beta';
    updater.channel = updateChannel === 'beta' ? 'beta' : 'latest';
    updater.allowDowngrade = false; // electron-updater turns it on with any channel
    if (updateUrl) updater.setFeedURL({ provider: 'generic', url: updateUrl, channel: updater.channel });
    this.deps.log.info(`updates: ${updateChannel} channel from ${updateUrl || 'the installer feed'}`);
    this.stop(false);
    void this.check();
    this.timer = this.every(() => void this.check(), CHECK_EVERY_MS);
  }

  stop(forget = true): void {
    if (this.timer !== null) this.stopEvery(this.timer);
    this.timer = null;
    if (forget) this.configured = null;
  }

  private async check(): Promise<void> {
    try {
      await this.deps.updater.checkForUpdates();
    } catch (error) {
      this.deps.log.warn(`update check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
