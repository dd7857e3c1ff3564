import type { EventChannel } from '../../shared/ipc/contract';
import type { DesktopNotification } from '../../shared/ipc/notifications';

/** What the core needs from its shell: Electron's safeStorage and electron-store, or memory. */
export interface SecureStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

export type Emit = (channel: EventChannel, payload: unknown) => void;

/** Shows a notification: Electron's native one in main, a toast (and a test recorder) in the web host. */
export type Notify = (notification: DesktopNotification) => void;

/**
 * Opens a file with the computer's default app for its type (Electron's `shell.openPath`);
 * rejects when the system could not. The web host has none: a browser opens media by URL.
 */
export interface FileOpener {
  open(path: string): Promise<void>;
}

/** What the tray shows. */
export interface AttentionCounts {
  unread: number;
  expiring: number;
}

export interface Logger {
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export const consoleLogger: Logger = {
  warn: (message, detail) => console.warn(`[core] ${message}`, detail ?? ''),
  error: (message, detail) => console.error(`[core] ${message}`, detail ?? ''),
};

export class MemorySecureStore implements SecureStore {
  private readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

export class MemoryStore implements KeyValueStore {
  private readonly values = new Map<string, unknown>();
  get(key: string) {
    return this.values.get(key);
  }
  set(key: string, value: unknown) {
    this.values.set(key, value);
  }
}
