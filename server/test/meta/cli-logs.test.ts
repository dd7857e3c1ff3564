/** The real command with WHATSAPP_PROVIDER=meta and request logs on: secrets never reach the output. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../server-command';
import { graphTemplates, startFakeGraph, TEST_SECRETS } from './fake-graph';
import { sign } from './helpers';

const graph = await startFakeGraph();
graph.templates = graphTemplates();
const dataDir = mkdtempSync(join(tmpdir(), 'zapdesk-meta-cli-'));
afterAll(async () => {
  await graph.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run server with WHATSAPP_PROVIDER=meta', () => {
  it('syncs at start, serves the webhook, and logs no secret', async () => {
    const server = await startServerProcess({
      LOG_REQUESTS: '1', WHATSAPP_PROVIDER: 'meta',
      META_GRAPH_URL: graph.url, META_PHONE_NUMBER_ID: graph.config.phoneNumberId, META_WABA_ID: graph.config.wabaId,
      META_ACCESS_TOKEN: TEST_SECRETS.accessToken, META_APP_SECRET: TEST_SECRETS.appSecret, META_VERIFY_TOKEN: TEST_SECRETS.verifyToken,
    }, dataDir);
    const url = server.url;
    try {
      expect(server.output()).toContain('template sync: 5 templates read');
      const challenge = await fetch(`${url}/webhooks/meta?hub.mode=subscribe&hub.challenge=42&hub.verify_token=${TEST_SECRETS.verifyToken}`);
      expect(await challenge.text()).toBe('42');
      const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
      expect((await fetch(`${url}/webhooks/meta`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': sign(body) }, body })).status).toBe(200);
      expect((await fetch(`${url}/webhooks/meta`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' }, body })).status).toBe(401);
    } finally {
      await server.stop();
    }
    const output = server.output();
    expect(output).toContain('/webhooks/meta');
    expect(output).toContain('hub.verify_token=[redacted]');
    if (process.env.SHOW_CLI_OUTPUT) console.log(output);
    for (const secret of Object.values(TEST_SECRETS)) expect(output).not.toContain(secret);
  }, 120_000); // a cold tsx start of the server on a loaded machine takes longer than vitest's 30 s (the wait above allows 90 s)
});
