/** Shared pieces of the provider configuration tests: the message a configuration is refused with, and the real command started with an environment. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ConfigError, parseConfig } from '../src/config';

type Env = Record<string, string | undefined>;

/** The ConfigError message `base` with `overrides` is refused with (fails the test when it is accepted). */
export function refusal(base: Env, overrides: Env): string {
  try {
    parseConfig([], { ...base, ...overrides });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
}

/** `npm run server` as a process, with this environment (PGlite, port 0): its exit code and output. */
export function runServerCommand(env: Env) {
  const root = join(import.meta.dirname, '..', '..');
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli.ts'), '--port', '0'], {
    cwd: root,
    env: { ...process.env, ...env, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}
