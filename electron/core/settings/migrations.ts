import type { KeyValueStore } from '../ports';
import { validKeys } from './policy/parse';

export const STORE_KEY = 'settings';
const VERSION_KEY = 'settingsVersion';
export const SETTINGS_VERSION = 2;

/**
 * Ordered upgrades of the stored settings document; each runs once, in order, and the version
 * is written after the last one. v1 (the first release) stored `{serverUrl, language}` with
 * every value, defaults included; v2 stores only what the user chose, one validated key at a
 * time, so keys whose value is the v1 default are dropped and follow the current default.
 */
const migrations: Record<number, (store: KeyValueStore) => void> = {
  2: (store) => {
    const kept = validKeys(store.get(STORE_KEY));
    if (kept.language === 'system') delete kept.language;
    store.set(STORE_KEY, kept);
  },
};

export function migrateStoredSettings(store: KeyValueStore): void {
  const stored = store.get(VERSION_KEY);
  let version = typeof stored === 'number' ? stored : store.get(STORE_KEY) === undefined ? SETTINGS_VERSION : 1;
  if (version >= SETTINGS_VERSION) {
    if (stored !== version) store.set(VERSION_KEY, version);
    return;
  }
  while (version < SETTINGS_VERSION) {
    version++;
    migrations[version]?.(store);
  }
  store.set(VERSION_KEY, version);
}
