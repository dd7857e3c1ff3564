import { userInfo } from 'node:os';
import type { Settings } from '../../../../shared/ipc/settings';
import type { Logger } from '../../ports';
import type { Exec } from './exec';
import { readLinuxPolicy, type LinuxPolicyDeps } from './linux';
import { readMacPolicy } from './macos';
import { coercePolicy } from './parse';
import { readWindowsPolicy } from './windows';

export interface PolicyDeps {
  platform: NodeJS.Platform;
  log: Logger;
  exec?: Exec;
  linux?: LinuxPolicyDeps;
  macRoot?: string;
  user?: string;
}

/**
 * The IT policy of this machine, as settings values. Whatever cannot be read or is invalid is
 * logged and left out: the user's own settings then apply.
 */
export async function readPolicy(deps: PolicyDeps): Promise<Partial<Settings>> {
  let found: { values: Record<string, unknown>; source: string } | null = null;
  try {
    if (deps.platform === 'win32') found = await readWindowsPolicy(deps.exec);
    else if (deps.platform === 'darwin') found = await readMacPolicy(deps.user ?? userInfo().username, deps.exec, deps.macRoot);
    else found = await readLinuxPolicy(deps.linux);
  } catch (error) {
    deps.log.warn('IT policy not applied', error instanceof Error ? error.message : error);
    return {};
  }
  if (!found) return {};
  const source = found.source;
  return coercePolicy(found.values, (key, message) => deps.log.warn(`IT policy ${source}: ignored "${key}"`, message));
}
