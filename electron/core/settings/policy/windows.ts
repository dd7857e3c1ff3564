import { execProgram, type Exec } from './exec';

export const WINDOWS_POLICY_KEY = 'SOFTWARE\\Policies\\ZapDesk\\Console';

/**
 * Windows: Group Policy values under `SOFTWARE\Policies\ZapDesk\Console`, machine (HKLM) over
 * user (HKCU), read with the system's `reg.exe` (no native module to build or ship).
 */
export async function readWindowsPolicy(exec: Exec = execProgram): Promise<{ values: Record<string, unknown>; source: string } | null> {
  const read = async (hive: 'HKLM' | 'HKCU') => {
    try {
      return parseRegQuery(await exec('reg.exe', ['query', `${hive}\\${WINDOWS_POLICY_KEY}`]));
    } catch {
      return {}; // no such key: nothing set at this level
    }
  };
  const user = await read('HKCU');
  const machine = await read('HKLM');
  if (!Object.keys(user).length && !Object.keys(machine).length) return null;
  return { values: { ...user, ...machine }, source: `HKLM/HKCU\\${WINDOWS_POLICY_KEY}` };
}

const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

/** The values of one key from `reg query` output: DWORDs as numbers, strings as strings. */
export function parseRegQuery(output: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const line of output.split(/\r?\n/)) {
    const match = VALUE_LINE.exec(line);
    if (!match) continue;
    const [, name, type, data = ''] = match;
    if (type === 'REG_DWORD' || type === 'REG_QWORD') values[name!] = Number.parseInt(data, 16);
    else if (type === 'REG_SZ' || type === 'REG_EXPAND_SZ') values[name!] = data;
    else if (type === 'REG_MULTI_SZ') values[name!] = data.split('\\0').filter(Boolean).join(',');
  }
  return values;
}
