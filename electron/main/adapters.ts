import { safeStorage, shell } from 'electron';
import Store from 'electron-store';
import type { FileOpener, KeyValueStore, SecureStore } from '../core/ports';

/** Files open with the system's default app (the core wrote them, named and typed safely). */
export class ShellFileOpener implements FileOpener {
  async open(path: string): Promise<void> {
    // Electron answers with an error message, or '' when the file was opened.
    const problem = await shell.openPath(path);
    if (problem) throw new Error(problem);
  }
}

/** Secrets encrypted with the OS keychain (safeStorage) before they touch the disk. */
export class SafeStorageSecureStore implements SecureStore {
  private readonly store = new Store<Record<string, string>>({ name: 'secure' });

  async get(key: string): Promise<string | null> {
    const sealed = this.store.get(key);
    if (typeof sealed !== 'string' || !safeStorage.isEncryptionAvailable()) return null;
    try {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      return null;
    }
  }

  async set(key: string, value: string): Promise<void> {
    // Without OS encryption we keep the secret in memory only: the user signs in again next start.
    if (!safeStorage.isEncryptionAvailable()) return;
    this.store.set(key, safeStorage.encryptString(value).toString('base64'));
  }

  async delete(key: string): Promise<void> {
    this.store.delete(key);
  }
}

/** Settings (or another small set of values: `drafts`) in electron-store, a JSON file in the user's app data folder. */
export class ElectronSettingsStore implements KeyValueStore {
  private readonly store: Store<Record<string, unknown>>;

  constructor(name = 'settings') {
    this.store = new Store<Record<string, unknown>>({ name });
  }

  get(key: string): unknown {
    return this.store.get(key);
  }

  set(key: string, value: unknown): void {
    this.store.set(key, value);
  }
}
