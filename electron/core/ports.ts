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

export type Emit = (channel: 'event:server' | 'event:connection' | 'event:session', payload: unknown) => void;

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
