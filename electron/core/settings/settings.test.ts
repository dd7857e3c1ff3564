import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/ipc/settings';
import { MemoryStore } from '../ports';
import { SETTINGS_VERSION } from './migrations';
import { SettingsService } from './settings';

describe('settings', () => {
  it('migrates what the first release stored, keeping the server and dropping what was only a default', () => {
    const store = new MemoryStore();
    store.set('settings', { serverUrl: 'http://10.0.0.5:4010', language: 'system' });
    const settings = new SettingsService(store);
    expect(store.get('settingsVersion')).toBe(SETTINGS_VERSION);
    expect(store.get('settings')).toEqual({ serverUrl: 'http://10.0.0.5:4010' });
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, serverUrl: 'http://10.0.0.5:4010' });
  });

  it('stores only what the user chose, and a bad stored value falls back alone', () => {
    const store = new MemoryStore();
    const settings = new SettingsService(store);
    settings.update({ notifyLeadMinutes: [30], language: 'es' });
    expect(store.get('settings')).toEqual({ notifyLeadMinutes: [30], language: 'es' });
    store.set('settings', { notifyLeadMinutes: 'soon', language: 'es' });
    expect(new SettingsService(store).get()).toMatchObject({ notifyLeadMinutes: [60, 15, 5], language: 'es' });
  });

  it('refuses invalid values and changes nothing', () => {
    const store = new MemoryStore();
    const settings = new SettingsService(store);
    expect(() => settings.update({ quietHoursStart: '25:00' })).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    expect(() => settings.update({ notifyLeadMinutes: [] })).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    expect(settings.get().quietHoursStart).toBe('22:00');
    expect(store.get('settings')).toBeUndefined();
  });

  it('tells listeners about changes', () => {
    const settings = new SettingsService(new MemoryStore());
    const heard: number[][] = [];
    settings.onChange((s) => heard.push(s.notifyLeadMinutes));
    settings.update({ notifyLeadMinutes: [45, 5] });
    expect(heard).toEqual([[45, 5]]);
  });
});
