/** `npm run webhost -- --port 4020 --server-url http://127.0.0.1:4010`: the app in a browser. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { consoleLogger } from '../core/ports';
import { readPolicy } from '../core/settings/policy';
import { coercePolicy } from '../core/settings/policy/parse';
import { createWebHost } from './server';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : (args[i + 1] ?? fallback);
};

const port = Number(flag('--port', process.env.WEBHOST_PORT ?? '4020'));
const serverUrl = flag('--server-url', process.env.ZAPDESK_SERVER_URL ?? 'http://127.0.0.1:4010');
const rendererDir = resolve(flag('--renderer-dir', 'out/renderer'));

if (!existsSync(resolve(rendererDir, 'index.html'))) {
  console.error(`web host: no built renderer in ${rendererDir}; run "npm run build" first`);
  process.exit(2);
}

// The machine's IT policy, as in Electron; ZAPDESK_POLICY_FILE (a JSON object) replaces it for tests.
const policyFile = process.env.ZAPDESK_POLICY_FILE;
const policy = policyFile
  ? coercePolicy(JSON.parse(readFileSync(policyFile, 'utf8')) as Record<string, unknown>, (key, problem) => console.warn(`policy: ignored ${key}: ${problem}`))
  : await readPolicy({ platform: process.platform, log: consoleLogger });

const app = await createWebHost({
  serverUrl,
  rendererDir,
  version: process.env.npm_package_version,
  policy,
  recordNotifications: process.env.ZAPDESK_RECORD_NOTIFICATIONS === '1',
});
await app.listen({ port, host: '127.0.0.1' });
console.log(`web host on http://127.0.0.1:${port}`);
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
