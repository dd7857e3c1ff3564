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

  it('validates every value on write with the settings schema: no script URL, no unknown key, https off this computer', () => {
    const store = new MemoryStore();
    const settings = new SettingsService(store);
    const code = (patch: Record<string, unknown>) => {
      try {
        settings.update(patch as never);
        return 'stored';
      } catch (error) {
        return (error as { code: string }).code;
      }
    };
    expect(code({ serverUrl: 'javascript:alert(1)' })).toBe('INVALID_SERVER_URL');
    expect(code({ serverUrl: 'file:///etc/passwd' })).toBe('INVALID_SERVER_URL');
    expect(code({ serverUrl: 'http://helpdesk.example.com' })).toBe('INVALID_SERVER_URL');
    expect(code({ serverUrl: 'https://agent:secret@helpdesk.example.com' })).toBe('INVALID_SERVER_URL');
    expect(code({ notificationSound: 'yes' })).toBe('INVALID_REQUEST');
    expect(code({ evil: true })).toBe('INVALID_REQUEST');
    expect(code({ allowInsecureServer: true })).toBe('INVALID_REQUEST'); // IT policy only
    expect(store.get('settings')).toBeUndefined();
    expect(code({ serverUrl: 'https://helpdesk.example.com' })).toBe('stored');
    expect(code({ serverUrl: 'http://127.0.0.1:4010' })).toBe('stored');
    expect(store.get('settings')).toEqual({ serverUrl: 'http://127.0.0.1:4010' });
  });

  it('takes an http server on another computer only when IT policy allowInsecureServer is on, never from the store', () => {
    const store = new MemoryStore();
    store.set('settings', { allowInsecureServer: true });
    expect(new SettingsService(store).get().allowInsecureServer).toBe(false);
    const lab = new SettingsService(new MemoryStore(), undefined, { allowInsecureServer: true });
    expect(lab.update({ serverUrl: 'http://10.0.0.5:4010' }).values.serverUrl).toBe('http://10.0.0.5:4010');
    expect(() => lab.update({ serverUrl: 'javascript:alert(1)' })).toThrow(expect.objectContaining({ code: 'INVALID_SERVER_URL' }));
  });

  it('keeps trusted link origins as the URL parser writes them, at most 50, and refuses anything else', () => {
    const store = new MemoryStore();
    const settings = new SettingsService(store);
    expect(settings.get().trustedLinkOrigins).toEqual([]);
    settings.update({ trustedLinkOrigins: ['https://docs.example.com', 'https://*.partner.example', 'https://10.0.0.5:8443'] });
    expect(store.get('settings')).toEqual({ trustedLinkOrigins: ['https://docs.example.com', 'https://*.partner.example', 'https://10.0.0.5:8443'] });
    for (const bad of ['https://Docs.example.com', 'https://docs.example.com/', 'https://docs.example.com/path', 'http://docs.example.com', 'https://docs.example.com:443', 'https://*.com', 'https://user@docs.example.com', 'https://аpple.com', 'docs.example.com']) {
      expect(() => settings.update({ trustedLinkOrigins: [bad] }), bad).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    }
    const many = Array.from({ length: 51 }, (_, i) => `https://site${i}.example.com`);
    expect(() => settings.update({ trustedLinkOrigins: many })).toThrow(expect.objectContaining({ code: 'INVALID_REQUEST' }));
    expect(settings.update({ trustedLinkOrigins: many.slice(0, 50) }).values.trustedLinkOrigins).toHaveLength(50);
  });
});
