import { DEFAULT_SETTINGS, SETTING_KEYS, Settings, type SettingKey, type SettingsView } from '../../../shared/ipc/settings';
import { ApiError } from '../errors';
import type { KeyValueStore } from '../ports';
import { migrateStoredSettings, STORE_KEY } from './migrations';
import { validKeys } from './policy/parse';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4010';

/**
 * User settings over an injected store (electron-store in Electron), with IT policy on top:
 * effective value = policy, else the user's choice, else the default. Only what the user chose
 * is stored, so a later version's better default reaches everyone who never changed it. Keys
 * set by policy cannot be changed here (SETTING_MANAGED). A bad stored value falls back to its
 * default alone; the rest of the user's choices survive.
 */
export class SettingsService {
  private readonly defaults: Settings;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly store: KeyValueStore,
    defaultServerUrl: string = DEFAULT_SERVER_URL,
    private readonly policy: Partial<Settings> = {},
  ) {
    this.defaults = { ...DEFAULT_SETTINGS, serverUrl: defaultServerUrl };
    migrateStoredSettings(store);
  }

  get(): Settings {
    return { ...this.defaults, ...this.userValues(), ...this.policy };
  }

  view(): SettingsView {
    return { values: this.get(), managed: this.managed() };
  }

  managed(): SettingKey[] {
    return SETTING_KEYS.filter((key) => key in this.policy);
  }

  update(patch: Partial<Settings>): SettingsView {
    const locked = Object.keys(patch).filter((key) => key in this.policy);
    if (locked.length) throw ApiError.of('SETTING_MANAGED', `Managed by your organization: ${locked.join(', ')}.`);
    const next = Settings.safeParse({ ...this.get(), ...patch });
    if (!next.success) throw ApiError.of('INVALID_REQUEST', next.error.message);
    this.store.set(STORE_KEY, { ...this.userValues(), ...Settings.partial().parse(patch) });
    const settings = this.get();
    for (const listener of this.listeners) listener(settings);
    return this.view();
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private userValues(): Partial<Settings> {
    return validKeys(this.store.get(STORE_KEY));
  }
}
