import { DEFAULT_SETTINGS, POLICY_ONLY_KEYS, SETTING_KEYS, Settings, type SettingKey, type SettingsView } from '../../../shared/ipc/settings';
import { ApiError } from '../errors';
import { serverUrlProblem } from '../security/urls';
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

  /**
   * Every value is checked by the settings schema before anything is stored (unknown keys
   * included: refused, not dropped); the server address also by the https rule.
   */
  update(patch: Partial<Settings>): SettingsView {
    const checked = Settings.partial().strict().safeParse(patch);
    if (!checked.success) {
      const serverUrlBad = checked.error.issues.some((issue) => issue.path[0] === 'serverUrl');
      throw ApiError.of(serverUrlBad ? 'INVALID_SERVER_URL' : 'INVALID_REQUEST', checked.error.message);
    }
    const locked = Object.keys(checked.data).filter((key) => key in this.policy);
    if (locked.length) throw ApiError.of('SETTING_MANAGED', `Managed by your organization: ${locked.join(', ')}.`);
    const policyOnly = Object.keys(checked.data).filter((key) => (POLICY_ONLY_KEYS as string[]).includes(key));
    if (policyOnly.length) throw ApiError.of('INVALID_REQUEST', `Only IT policy sets: ${policyOnly.join(', ')}.`);
    const next = Settings.safeParse({ ...this.get(), ...checked.data });
    if (!next.success) throw ApiError.of('INVALID_REQUEST', next.error.message);
    if (checked.data.serverUrl !== undefined) {
      const problem = serverUrlProblem(checked.data.serverUrl, next.data.allowInsecureServer);
      if (problem) throw ApiError.of('INVALID_SERVER_URL', `"${checked.data.serverUrl}": ${problem}.`);
    }
    this.store.set(STORE_KEY, { ...this.userValues(), ...checked.data });
    const settings = this.get();
    for (const listener of this.listeners) listener(settings);
    return this.view();
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private userValues(): Partial<Settings> {
    const stored = validKeys(this.store.get(STORE_KEY));
    // Never from the user's own store, whatever wrote it.
    for (const key of POLICY_ONLY_KEYS) delete stored[key];
    return stored;
  }
}
