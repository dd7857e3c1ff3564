/**
 * Updates: the wiring to settings and policy with a fake updater, then electron-updater itself
 * (the AppImage updater the Linux build uses) against a local feed on 127.0.0.1, configured as
 * UpdateService configures it: it finds a newer version, ignores the same or an older one, and
 * refuses a file whose sha512 does not match the feed.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type ClientRequest, type RequestOptions, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import electronUpdater, { type AppUpdater } from 'electron-updater';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/ipc/settings';
import { CHECK_EVERY_MS, UpdateService, type Updater } from './updater';

type UpdateSettings = Pick<Settings, 'autoUpdate' | 'updateChannel' | 'updateUrl'>;
const quiet = { info: () => undefined, warn: vi.fn() };

function fakeUpdater() {
  const listeners = new Map<string, (value: never) => void>();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: false,
    allowPrerelease: false,
    allowDowngrade: true,
    channel: null as string | null,
    setFeedURL: vi.fn(),
    checkForUpdates: vi.fn(async () => null),
    on: (event: string, listener: (value: never) => void) => listeners.set(event, listener),
    emit: (event: string, value: unknown) => listeners.get(event)?.(value as never),
  };
  return updater;
}

function service(settings: UpdateSettings, isPackaged = true) {
  const updater = fakeUpdater();
  const intervals: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const ready: string[] = [];
  let current = settings;
  const updates = new UpdateService({
    updater,
    settings: () => current,
    isPackaged,
    onReady: (version) => ready.push(version),
    log: quiet,
    setInterval: (fn, ms) => {
      const handle = { fn, ms, cleared: false };
      intervals.push(handle);
      return handle;
    },
    clearInterval: (handle) => void ((handle as { cleared: boolean }).cleared = true),
  });
  return { updater, intervals, ready, updates, change: (next: Partial<UpdateSettings>) => (current = { ...current, ...next }) };
}

const defaults: UpdateSettings = { autoUpdate: DEFAULT_SETTINGS.autoUpdate, updateChannel: DEFAULT_SETTINGS.updateChannel, updateUrl: DEFAULT_SETTINGS.updateUrl };

describe('update wiring', () => {
  it('checks at start and every four hours, downloads in the background, installs on quit, and says when a version is ready', () => {
    const { updater, intervals, ready, updates } = service(defaults);
    updates.apply();
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: true, allowPrerelease: false, allowDowngrade: false, channel: 'latest' });
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(updater.setFeedURL).not.toHaveBeenCalled(); // the installer's own feed
    expect(intervals).toHaveLength(1);
    expect(intervals[0]!.ms).toBe(CHECK_EVERY_MS);
    intervals[0]!.fn();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(ready).toEqual(['0.2.0']);
    // Settings that do not touch updates change nothing.
    updates.apply();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('follows policy: the beta channel, an internal mirror, and off', () => {
    const { updater, intervals, updates, change } = service({ ...defaults, updateChannel: 'beta', updateUrl: 'https://updates.example.com/zapdesk' });
    updates.apply();
    expect(updater).toMatchObject({ allowPrerelease: true, allowDowngrade: false, channel: 'beta' });
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.example.com/zapdesk', channel: 'beta' });
    change({ autoUpdate: false });
    updates.apply();
    expect(intervals[0]!.cleared).toBe(true);
    change({ autoUpdate: true });
    updates.apply();
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    expect(intervals.filter((i) => !i.cleared)).toHaveLength(1);
  });

  it('never checks from a development run, and a failed check is only logged', async () => {
    const dev = service(defaults, false);
    dev.updates.apply();
    expect(dev.updater.checkForUpdates).not.toHaveBeenCalled();
    const offline = service(defaults);
    offline.updater.checkForUpdates.mockRejectedValueOnce(new Error('getaddrinfo ENOTFOUND'));
    offline.updates.apply();
    await vi.waitFor(() => expect(quiet.warn).toHaveBeenCalledWith(expect.stringContaining('ENOTFOUND')));
  });
});

/** electron-updater's requests over Node's http (inside Electron it uses Electron's net module). */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (error) => (error ? reject(error) : resolve(destination)), responseHandler: null }, 0);
    });
  }
}

describe('electron-updater against a local feed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zapdesk-updates-'));
  const newBuild = Buffer.from('the new AppImage'.repeat(1000));
  const feed = { version: '0.2.0', file: newBuild, sha512: createHash('sha512').update(newBuild).digest('base64') };
  let server: Server;
  let url = '';
  const appImage = process.env.APPIMAGE;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (path.endsWith('/latest-linux.yml')) {
        res.setHeader('content-type', 'text/yaml');
        res.end(
          [`version: ${feed.version}`, 'files:', `  - url: ZapDesk-${feed.version}.AppImage`, `    sha512: ${feed.sha512}`, `    size: ${feed.file.length}`,
            `path: ZapDesk-${feed.version}.AppImage`, `sha512: ${feed.sha512}`, "releaseDate: '2026-12-01T10:00:00.000Z'", ''].join('\n'),
        );
      } else if (path.endsWith('.AppImage')) {
        res.setHeader('content-length', String(feed.file.length));
        res.end(feed.file);
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/zapdesk`;
    // The running AppImage the updater replaces.
    process.env.APPIMAGE = join(dir, 'ZapDesk-0.1.0.AppImage');
    writeFileSync(process.env.APPIMAGE, 'the old AppImage');
  });

  afterAll(async () => {
    if (appImage === undefined) delete process.env.APPIMAGE;
    else process.env.APPIMAGE = appImage;
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  /** The updater an installed 0.1.0 would run, configured by UpdateService with the mirror policy. */
  let installs = 0;
  function installed(version = '0.1.0') {
    const home = join(dir, `install-${++installs}`); // each its own download cache
    const updateConfig = join(dir, 'app-update.yml');
    writeFileSync(updateConfig, 'provider: generic\nurl: https://updates.zapdesk.invalid/desktop\n');
    const updater: AppUpdater = new electronUpdater.AppImageUpdater(null, {
      version,
      name: 'ZapDesk',
      isPackaged: true,
      appUpdateConfigPath: updateConfig,
      userDataPath: join(home, 'user-data'),
      baseCachePath: join(home, 'cache'),
      whenReady: () => Promise.resolve(),
      relaunch: () => undefined,
      quit: () => undefined,
      onQuit: () => undefined,
    });
    (updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeHttpExecutor();
    updater.logger = null;
    const ready: string[] = [];
    const updates = new UpdateService({
      updater: updater as unknown as Updater,
      settings: () => ({ autoUpdate: true, updateChannel: 'stable', updateUrl: url }),
      isPackaged: true,
      onReady: (v) => ready.push(v),
      log: quiet,
      setInterval: () => null,
      clearInterval: () => undefined,
    });
    updater.autoDownload = false; // the tests download by hand, to see each step
    return { updater, updates, ready };
  }

  it('finds a newer version on the mirror, and downloads it with the hash the feed gives', async () => {
    const { updater, updates, ready } = installed('0.1.0');
    updates.apply();
    updater.autoDownload = false;
    const result = await updater.checkForUpdates();
    expect(result?.isUpdateAvailable).toBe(true);
    expect(result?.updateInfo.version).toBe('0.2.0');
    const files = await updater.downloadUpdate();
    expect(files[0]).toMatch(/ZapDesk-0\.2\.0\.AppImage$/);
    expect(ready).toEqual(['0.2.0']);
  });

  it('takes nothing when the installed version is the same or newer', async () => {
    for (const version of ['0.2.0', '0.3.0']) {
      const { updater, updates } = installed(version);
      updates.apply();
      const result = await updater.checkForUpdates();
      expect(result?.isUpdateAvailable, version).toBe(false);
    }
  });

  it('refuses a file whose sha512 does not match the feed, and says nothing is ready', async () => {
    feed.version = '0.2.1';
    feed.file = Buffer.from('a tampered AppImage'.repeat(1000));
    feed.sha512 = createHash('sha512').update('the file that was published').digest('base64');
    const { updater, updates, ready } = installed('0.1.0');
    updates.apply();
    const result = await updater.checkForUpdates();
    expect(result?.updateInfo.version).toBe('0.2.1');
    await expect(updater.downloadUpdate()).rejects.toThrow(/sha512 checksum mismatch/);
    expect(ready).toEqual([]);
  });
});
