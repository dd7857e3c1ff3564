/** The real command with WHATSAPP_PROVIDER=zenvia and request logs on: it registers its webhooks and syncs at start, and no secret reaches the output. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../server-command';
import { startFakeZenvia, ZENVIA_TEST } from './fake-zenvia';
import { zenviaTemplates } from './helpers';

const fake = await startFakeZenvia();
fake.templates = zenviaTemplates();
const dataDir = mkdtempSync(join(tmpdir(), 'zapdesk-zenvia-cli-'));
afterAll(async () => {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run server with WHATSAPP_PROVIDER=zenvia', () => {
  it('says what it registered at Zenvia, serves the webhook, and logs no secret', async () => {
    const server = await startServerProcess({
      LOG_REQUESTS: '1', WHATSAPP_PROVIDER: 'zenvia', ZENVIA_API_URL: fake.config.apiUrl, ZENVIA_API_TOKEN: ZENVIA_TEST.token,
      ZENVIA_SENDER_ID: ZENVIA_TEST.sender, ZENVIA_WEBHOOK_URL: fake.config.webhookUrl, ZENVIA_WEBHOOK_SECRET: ZENVIA_TEST.secret,
    }, dataDir);
    const link = `/files/zenvia/00000000-0000-4000-8000-000000000000/9999999999/${'s'.repeat(43)}/f.pdf`;
    try {
      expect(server.output()).toMatch(/zenvia: webhooks at https:\/\/zapdesk\.example\.test\/support\/webhooks\/zenvia: MESSAGE \S+ \(created\), MESSAGE_STATUS \S+ \(created\)/);
      expect(server.output()).toContain('template sync: 12 templates read');
      const post = (secret: string) => fetch(`${server.url}/webhooks/zenvia`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-zapdesk-webhook-secret': secret }, body: JSON.stringify({ type: 'CONTACT' }),
      });
      expect((await post(ZENVIA_TEST.secret)).status).toBe(200);
      expect((await post('not-the-secret-at-all')).status).toBe(401);
      expect((await fetch(`${server.url}${link}`)).status).toBe(404);
    } finally {
      await server.stop();
    }
    const output = server.output();
    expect(output).toContain('/webhooks/zenvia');
    expect(output).toContain('/files/zenvia/00000000-0000-4000-8000-000000000000/9999999999/[redacted]');
    if (process.env.SHOW_CLI_OUTPUT) console.log(output);
    for (const secret of [ZENVIA_TEST.token, ZENVIA_TEST.secret, 's'.repeat(43)]) expect(output).not.toContain(secret);
  }, 120_000); // a cold start of the real command (tsx, PGlite) on a loaded machine
});
