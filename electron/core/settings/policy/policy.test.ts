import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStore, type Logger } from '../../ports';
import { SettingsService } from '../settings';
import { readPolicy } from './index';
import { coercePolicy } from './parse';
import { parseRegQuery } from './windows';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);
const text = (name: string) => readFileSync(fixture(name), 'utf8');

function recordingLog() {
  const warnings: string[] = [];
  const log: Logger = { warn: (message, detail) => warnings.push(`${message} ${String(detail ?? '')}`), error: (message) => warnings.push(message) };
  return { log, warnings };
}

/** A user who chose their own server, sound and lead times, then IT policy on top. */
function effective(policy: Awaited<ReturnType<typeof readPolicy>>) {
  const store = new MemoryStore();
  const settings = new SettingsService(store, 'http://127.0.0.1:4010', policy);
  return settings;
}

describe('IT policy overlay', () => {
  it('Linux: a root-owned JSON file; invalid and unknown keys are ignored with a warning', async () => {
    const { log, warnings } = recordingLog();
    const policy = await readPolicy({
      platform: 'linux',
      log,
      linux: { path: fixture('linux-policy.json'), trustedUid: process.getuid!() },
    });
    expect(policy).toEqual({ serverUrl: 'https://helpdesk.example.com', notifyLeadMinutes: [30, 10], notificationSound: false });
    expect(warnings.join('\n')).toMatch(/closeToTray/);
    expect(warnings.join('\n')).toMatch(/updateChanel/);
    // One entry with upper case and a path: the whole list is ignored, not half applied.
    expect(warnings.join('\n')).toMatch(/trustedLinkOrigins/);
  });

  it('Linux: a file not owned by root, or writable by others, is not trusted', async () => {
    const path = fixture('linux-policy.json');
    for (const [uid, mode, reason] of [[1000, 0o100644, /not owned by root/], [0, 0o100666, /writable by group or others/]] as const) {
      const { log, warnings } = recordingLog();
      const stat = async () => ({ uid, mode, isFile: () => true });
      expect(await readPolicy({ platform: 'linux', log, linux: { path, stat } })).toEqual({});
      expect(warnings.join('\n')).toMatch(reason);
    }
  });

  it('Linux: no policy file means no policy', async () => {
    const { log, warnings } = recordingLog();
    expect(await readPolicy({ platform: 'linux', log, linux: { path: fixture('absent.json') } })).toEqual({});
    expect(warnings).toEqual([]);
  });

  it('Windows: HKLM wins over HKCU, DWORDs become booleans and numbers', async () => {
    const { log } = recordingLog();
    const exec = async (_file: string, args: string[]) => {
      if (args[1]!.startsWith('HKLM')) return text('reg-hklm.txt');
      if (args[1]!.startsWith('HKCU')) return text('reg-hkcu.txt');
      throw new Error('ERROR: The system was unable to find the specified registry key or value.');
    };
    expect(await readPolicy({ platform: 'win32', log, exec })).toEqual({
      serverUrl: 'https://helpdesk.example.com',
      notificationSound: false,
      notifyLeadMinutes: [30, 10],
      quietHoursEnabled: true,
      quietHoursStart: '20:00',
      supervisorThresholdMinutes: 90,
      trustedLinkOrigins: ['https://docs.example.com', 'https://*.partner.example'],
    });
    expect(parseRegQuery('\r\nHKEY_LOCAL_MACHINE\\X\r\n    empty    REG_SZ\r\n')).toEqual({ empty: '' });
  });

  it('macOS: managed preferences for the machine win over those for the user', async () => {
    const { log } = recordingLog();
    const exec = async (_file: string, args: string[]) => {
      const path = args.at(-1)!;
      if (path === '/MP/ana/com.zapdesk.console.plist') return text('mac-user.json');
      if (path === '/MP/com.zapdesk.console.plist') return text('mac-machine.json');
      throw new Error('no such file');
    };
    expect(await readPolicy({ platform: 'darwin', log, exec, macRoot: '/MP', user: 'ana' })).toEqual({
      serverUrl: 'https://helpdesk.example.com',
      startAtLogin: true,
      notificationSound: false,
      notifyLeadMinutes: [30, 10],
      trustedLinkOrigins: ['https://docs.example.com', 'https://*.partner.example'],
    });
  });

  it('lists of link origins: comma-separated text in the registry, an empty value locks an empty list', async () => {
    const { log, warnings } = recordingLog();
    const exec = async (_file: string, args: string[]) => {
      if (args[1]!.startsWith('HKLM')) return '\r\nHKEY_LOCAL_MACHINE\\X\r\n    trustedLinkOrigins    REG_SZ\r\n';
      throw new Error('ERROR: The system was unable to find the specified registry key or value.');
    };
    const policy = await readPolicy({ platform: 'win32', log, exec });
    expect(policy).toEqual({ trustedLinkOrigins: [] });
    expect(warnings).toEqual([]);
    const settings = effective(policy);
    expect(settings.managed()).toEqual(['trustedLinkOrigins']);
    expect(() => settings.update({ trustedLinkOrigins: ['https://docs.example.com'] })).toThrow(expect.objectContaining({ code: 'SETTING_MANAGED' }));
    const multi = parseRegQuery('    trustedLinkOrigins    REG_MULTI_SZ    https://a.example\\0https://*.b.example\\0\\0');
    expect(coercePolicy(multi, () => undefined)).toEqual({ trustedLinkOrigins: ['https://a.example', 'https://*.b.example'] });
  });

  it('precedence: policy over the user choice over the default; policy keys are locked', async () => {
    const settings = effective({ notificationSound: false, notifyLeadMinutes: [30, 10] });
    settings.update({ quietHoursEnabled: true });
    expect(() => settings.update({ notificationSound: true })).toThrow(expect.objectContaining({ code: 'SETTING_MANAGED' }));
    const { values, managed } = settings.view();
    expect(values).toMatchObject({ notificationSound: false, notifyLeadMinutes: [30, 10], quietHoursEnabled: true, closeToTray: true });
    expect(managed).toEqual(['notifyLeadMinutes', 'notificationSound']);
  });
});
