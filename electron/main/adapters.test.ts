/**
 * The OS adapters on the fake electron module. electron-store is replaced by files kept in memory
 * (the real one is loaded outside Vitest's module mocks, so it would reach for the real Electron).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const files = vi.hoisted(() => new Map<string, Map<string, unknown>>());
vi.mock('electron', () => import('./testing/fake-electron'));
vi.mock('electron-store', () => ({
  /** One "file" per store name, as electron-store keeps `<name>.json` in userData. */
  default: class {
    private readonly data: Map<string, unknown>;
    constructor(options: { name: string }) {
      this.data = files.get(options.name) ?? new Map<string, unknown>();
      files.set(options.name, this.data);
    }
    get(key: string) {
      return this.data.get(key);
    }
    set(key: string, value: unknown) {
      this.data.set(key, value);
    }
    delete(key: string) {
      this.data.delete(key);
    }
  },
}));
const { fake, shell } = await import('./testing/fake-electron');
const { ElectronSettingsStore, SafeStorageSecureStore, ShellFileOpener } = await import('./adapters');

const TOKEN = 'refresh-token-5f2c9a7e';
/** Everything the adapters wrote to disk. */
const onDisk = () => JSON.stringify([...files].map(([name, data]) => [name, [...data]]));

describe('main: OS adapters', () => {
  beforeEach(() => {
    fake.reset();
    files.clear();
  });

  it('a secret is sealed with the OS keychain on disk, and read back on the next start', async () => {
    await new SafeStorageSecureStore().set('session', TOKEN);
    expect(onDisk()).not.toContain(TOKEN);
    const nextStart = new SafeStorageSecureStore();
    expect(await nextStart.get('session')).toBe(TOKEN);
    await nextStart.delete('session');
    expect(await new SafeStorageSecureStore().get('session')).toBeNull();
  });

  it('without OS encryption nothing is written, and nothing sealed before can be read: the agent signs in again', async () => {
    await new SafeStorageSecureStore().set('session', TOKEN);
    fake.encryptionAvailable = false;
    const store = new SafeStorageSecureStore();
    expect(await store.get('session')).toBeNull();
    await store.set('other', 'plain-secret-81c3');
    expect(onDisk()).not.toContain('plain-secret-81c3');
    fake.encryptionAvailable = true;
    expect(await new SafeStorageSecureStore().get('other')).toBeNull();
  });

  it('a value that does not decrypt reads as no secret', async () => {
    const store = new SafeStorageSecureStore();
    await store.set('session', TOKEN);
    files.get('secure')!.set('session', Buffer.from('not sealed').toString('base64'));
    expect(await new SafeStorageSecureStore().get('session')).toBeNull();
  });

  it('settings persist between starts', () => {
    new ElectronSettingsStore().set('language', 'pt-BR');
    expect(new ElectronSettingsStore().get('language')).toBe('pt-BR');
    expect(new ElectronSettingsStore().get('missing')).toBeUndefined();
  });

  it('opening a file fails with the message the system gave', async () => {
    await expect(new ShellFileOpener().open('/tmp/invoice.pdf')).resolves.toBeUndefined();
    shell.openPath.mockResolvedValueOnce('No application is associated with the specified file');
    await expect(new ShellFileOpener().open('/tmp/invoice.xyz')).rejects.toThrow('No application is associated');
    expect(shell.openPath.mock.calls).toEqual([['/tmp/invoice.pdf'], ['/tmp/invoice.xyz']]);
  });
});
