import type { Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

export const LINUX_POLICY_PATH = '/etc/zapdesk/policy.json';

export interface LinuxPolicyDeps {
  path?: string;
  stat?: (path: string) => Promise<Pick<Stats, 'uid' | 'mode' | 'isFile'>>;
  readFile?: (path: string) => Promise<string>;
  /** Only a file owned by this user (root) and not writable by others is trusted. */
  trustedUid?: number;
}

/**
 * Linux: a JSON object in a root-owned file. A file anyone else could have written is ignored,
 * because policy can change the server the app signs in to.
 */
export async function readLinuxPolicy(deps: LinuxPolicyDeps = {}): Promise<{ values: Record<string, unknown>; source: string } | null> {
  const path = deps.path ?? LINUX_POLICY_PATH;
  let info: Pick<Stats, 'uid' | 'mode' | 'isFile'>;
  try {
    info = await (deps.stat ?? stat)(path);
  } catch {
    return null;
  }
  if (!info.isFile()) throw new Error(`${path} is not a file`);
  if (info.uid !== (deps.trustedUid ?? 0)) throw new Error(`${path} is not owned by root; ignored`);
  if (info.mode & 0o022) throw new Error(`${path} is writable by group or others; ignored`);
  const values: unknown = JSON.parse(await (deps.readFile ?? ((p) => readFile(p, 'utf8')))(path));
  if (!values || typeof values !== 'object' || Array.isArray(values)) throw new Error(`${path} must hold a JSON object`);
  return { values: values as Record<string, unknown>, source: path };
}
