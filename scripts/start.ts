/**
 * `npm start`: builds the app, starts the helpdesk server on its embedded default (PGlite in
 * ./data, sandbox WhatsApp, demo data on first start), then opens the desktop app on it. Where no
 * Electron binary exists (as on our build machines) it says so in one line and serves the same UI
 * through the web host instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { findElectronBinary } from './electron-binary';
import { toolPaths } from './tools';

const { tsxCli, electronVite } = toolPaths();

const serverPort = Number(process.env.PORT ?? 4010);
const webPort = Number(process.env.WEBHOST_PORT ?? 4020);
const serverUrl = `http://127.0.0.1:${serverPort}`;
const children: ChildProcess[] = [];

function run(args: string[], options: { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {}) {
  const child = spawn(process.execPath, args, {
    stdio: ['inherit', options.onLine ? 'pipe' : 'inherit', 'inherit'],
    env: { ...process.env, ...options.env },
  });
  children.push(child);
  if (options.onLine && child.stdout) {
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(options.onLine!);
    });
  }
  child.on('exit', (code) => {
    if (!stopping) stop(code ?? 1);
  });
  return child;
}

let stopping = false;
function stop(code: number) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null))).then(() =>
    process.exit(code),
  );
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function main() {
  await new Promise<void>((resolve, reject) => {
    const build = spawn(process.execPath, [electronVite, 'build'], { stdio: 'inherit' });
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build failed (exit ${code})`))));
  });

  await new Promise<void>((resolve) => {
    run([tsxCli, 'server/src/cli.ts', '--port', String(serverPort)], {
      onLine: (line) => line.startsWith('listening on ') && resolve(),
    });
  });

  const electron = findElectronBinary();
  if (electron) {
    const child = spawn(electron, ['.'], { stdio: 'inherit', env: { ...process.env, ZAPDESK_SERVER_URL: serverUrl } });
    children.push(child);
    child.on('exit', (code) => stop(code ?? 0));
    return;
  }
  console.log(
    `Electron is not available on this machine (its binary cannot be downloaded here): open http://127.0.0.1:${webPort} in your browser for the same app.`,
  );
  run([tsxCli, 'electron/webhost/cli.ts', '--port', String(webPort), '--server-url', serverUrl]);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  stop(1);
});
