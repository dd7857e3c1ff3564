import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startTs, stopProcess } from './processes';

export interface Stack {
  serverUrl: string;
  appUrl: string;
  stop(): Promise<void>;
}

/**
 * A real server (fresh PGlite data folder, sandbox provider, demo data) and the web host that
 * runs the desktop core for the browser. Specs that move the sandbox clock a long way start
 * their own, so the shared one keeps its demo data as the other specs expect.
 */
export async function startStack(webhostEnv: NodeJS.ProcessEnv = {}): Promise<Stack> {
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
  const webhost = await startTs('electron/webhost/cli.ts', ['--port', String(webPort), '--server-url', serverUrl], 'web host on', webhostEnv);
  return {
    serverUrl,
    appUrl: `http://127.0.0.1:${webPort}`,
    async stop() {
      await stopProcess(webhost);
      await stopProcess(server);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
