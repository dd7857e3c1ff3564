/**
 * Starts a real server (fresh PGlite data folder, sandbox provider, demo data) and the web host
 * that runs the desktop core for the browser. Tests read the addresses from the environment.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startTs, stopProcess } from './support/processes';

export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'zapdesk-e2e-'));
  const serverPort = await freePort();
  const server = await startTs('server/src/cli.ts', ['--port', String(serverPort), '--data-dir', dataDir], 'listening on', {
    DATABASE_URL: '',
    DEMO_DATA: '1',
    WHATSAPP_PROVIDER: 'sandbox',
    // Every test signs in afresh (one browser context each): more than a person would in a minute.
    LOGIN_RATE_LIMIT: '200',
  });
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  const webPort = await freePort();
  const webhost = await startTs(
    'electron/webhost/cli.ts',
    ['--port', String(webPort), '--server-url', serverUrl],
    'web host on',
  );
  process.env.E2E_SERVER_URL = serverUrl;
  process.env.E2E_APP_URL = `http://127.0.0.1:${webPort}`;

  return async () => {
    await stopProcess(webhost);
    await stopProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
