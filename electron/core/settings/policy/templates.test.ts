import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SETTING_KEYS } from '../../../../shared/ipc/settings';
import { coercePolicy } from './parse';

const root = join(import.meta.dirname, '../../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('what IT gets: the README and the policy templates', () => {
  it('document every setting key', () => {
    const readme = read('README.md');
    const admx = read('resources/policy/windows/ZapDesk.admx');
    const adml = read('resources/policy/windows/en-US/ZapDesk.adml');
    for (const key of SETTING_KEYS) {
      expect(readme, `README: ${key}`).toContain(`| \`${key}\` |`);
      expect(admx, `ADMX: ${key}`).toContain(`valueName="${key}"`);
      expect(adml, `ADML: ${key}`).toContain(`<string id="${key}">`);
    }
  });

  it('ship examples that the policy readers accept whole', () => {
    const problems: string[] = [];
    const linux = JSON.parse(read('resources/policy/linux/policy.json')) as Record<string, unknown>;
    expect(Object.keys(coercePolicy(linux, (key) => problems.push(key)))).toEqual(Object.keys(linux));
    const reg = read('resources/policy/windows/zapdesk-policy.reg');
    const values = Object.fromEntries(
      [...reg.matchAll(/^"(\w+)"=(?:dword:([0-9a-f]{8})|"(.*)")\r?$/gm)].map(([, name, dword, text]) => [name!, dword ? Number.parseInt(dword, 16) : text]),
    );
    expect(Object.keys(coercePolicy(values, (key) => problems.push(key))).length).toBeGreaterThan(2);
    const mobileconfig = read('resources/policy/macos/com.zapdesk.console.mobileconfig');
    for (const key of [...mobileconfig.matchAll(/<key>(\w+)<\/key>/g)].map((m) => m[1]!).filter((k) => !k.startsWith('Payload'))) {
      expect(SETTING_KEYS, `mobileconfig: ${key}`).toContain(key);
    }
    expect(problems).toEqual([]);
  });
});
