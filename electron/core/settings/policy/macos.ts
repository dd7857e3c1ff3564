import { execProgram, type Exec } from './exec';

export const MAC_POLICY_DOMAIN = 'com.zapdesk.console';

/**
 * macOS: managed preferences installed by a configuration profile (MDM), for the machine and
 * for the user; the machine's win. `plutil` reads binary and XML plists alike.
 */
export async function readMacPolicy(
  user: string,
  exec: Exec = execProgram,
  root = '/Library/Managed Preferences',
): Promise<{ values: Record<string, unknown>; source: string } | null> {
  const read = async (path: string) => {
    try {
      const parsed: unknown = JSON.parse(await exec('plutil', ['-convert', 'json', '-o', '-', path]));
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {}; // no profile at this level
    }
  };
  const forUser = await read(`${root}/${user}/${MAC_POLICY_DOMAIN}.plist`);
  const forMachine = await read(`${root}/${MAC_POLICY_DOMAIN}.plist`);
  if (!Object.keys(forUser).length && !Object.keys(forMachine).length) return null;
  return { values: { ...forUser, ...forMachine }, source: `${root}/${MAC_POLICY_DOMAIN}.plist` };
}
