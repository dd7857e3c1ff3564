/** The server as a command in tests: the message a configuration is refused with, the command run once, and the command kept running. */
import { spawn, spawnSync } from 'node:child_process';
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

/** `npm run server` running with this environment until `stop()`: its URL once it prints "listening on", and all it printed. */
export async function startServerProcess(env: Env, dataDir: string) {
  const root = join(import.meta.dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/cli.ts'), '--port', '0', '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', DEMO_DATA: '0', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line:\n${output}`)), 90_000);
      const check = () => {
        const match = /listening on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout.on('data', check);
      child.on('exit', () => reject(new Error(`exited:\n${output}`)));
    });
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
