import { Settings } from '../../../shared/ipc/contract';
import { ApiError } from '../errors';
import type { KeyValueStore } from '../ports';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4010';

/** User settings over an injected store (electron-store in Electron); bad stored values fall back to defaults. */
export class SettingsService {
  private readonly defaults: Settings;

  constructor(
    private readonly store: KeyValueStore,
    defaultServerUrl: string = DEFAULT_SERVER_URL,
  ) {
    this.defaults = { serverUrl: defaultServerUrl, language: 'system' };
  }

  get(): Settings {
    const stored = Settings.partial().safeParse(this.store.get('settings') ?? {});
    return { ...this.defaults, ...(stored.success ? stored.data : {}) };
  }

  update(patch: Partial<Settings>): Settings {
    const next = Settings.safeParse({ ...this.get(), ...patch });
    if (!next.success) throw ApiError.of('INVALID_REQUEST', next.error.message);
    this.store.set('settings', next.data);
    return next.data;
  }
}
