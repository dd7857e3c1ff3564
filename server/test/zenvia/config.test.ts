/** WHATSAPP_PROVIDER=zenvia: every variable read, and each mistake named at start (secrets never shown). */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { refusal as refusalWith, runServerCommand } from '../server-command';

const env = {
  WHATSAPP_PROVIDER: 'zenvia',
  ZENVIA_API_TOKEN: 'hKp94crjvTESTtokenVALUE-UYHhRvLKNLt',
  ZENVIA_SENDER_ID: '5511999990000',
  ZENVIA_WEBHOOK_URL: 'https://helpdesk.example.com/webhooks/zenvia',
  ZENVIA_WEBHOOK_SECRET: 'a-webhook-SECRET-value-42',
};
const secrets = [env.ZENVIA_API_TOKEN, env.ZENVIA_WEBHOOK_SECRET];

const refusal = (overrides: Record<string, string | undefined>) => refusalWith(env, overrides);

describe('WHATSAPP_PROVIDER=zenvia configuration', () => {
  it('reads every ZENVIA_* variable, with the default API URL', () => {
    const config = parseConfig([], env);
    expect(config.provider).toBe('zenvia');
    expect(config.meta).toBeNull();
    expect(config.zenvia).toEqual({
      apiUrl: 'https://api.zenvia.com/v2', apiToken: env.ZENVIA_API_TOKEN, senderId: '5511999990000',
      webhookUrl: 'https://helpdesk.example.com/webhooks/zenvia', webhookSecret: env.ZENVIA_WEBHOOK_SECRET, publicUrl: 'https://helpdesk.example.com',
    });
    // Behind a proxy with a path prefix, files are linked under the same prefix; the API URL may be another.
    expect(parseConfig([], { ...env, ZENVIA_API_URL: 'http://127.0.0.1:9999/v2/', ZENVIA_WEBHOOK_URL: 'https://example.com/zapdesk/webhooks/zenvia/' }).zenvia).toMatchObject({
      apiUrl: 'http://127.0.0.1:9999/v2', webhookUrl: 'https://example.com/zapdesk/webhooks/zenvia', publicUrl: 'https://example.com/zapdesk',
    });
    expect(parseConfig([], {}).zenvia).toBeNull();
  });

  it('names each missing variable', () => {
    for (const name of ['ZENVIA_API_TOKEN', 'ZENVIA_SENDER_ID', 'ZENVIA_WEBHOOK_URL', 'ZENVIA_WEBHOOK_SECRET']) {
      expect(refusal({ [name]: undefined })).toMatch(new RegExp(`^${name} is required with WHATSAPP_PROVIDER=zenvia`));
      expect(refusal({ [name]: '  ' })).toContain(name);
    }
  });

  it('names each malformed variable and never shows a secret', () => {
    const cases: Record<string, string> = {
      ZENVIA_API_URL: 'ftp://api.zenvia.example',
      ZENVIA_API_TOKEN: 'short',
      ZENVIA_SENDER_ID: '+55 11 99999-0000',
      ZENVIA_WEBHOOK_URL: 'http://helpdesk.example.com/webhooks/zenvia',
      ZENVIA_WEBHOOK_SECRET: 'too-short',
    };
    for (const [name, value] of Object.entries(cases)) {
      const message = refusal({ [name]: value });
      expect(message, name).toMatch(new RegExp(`^${name} is malformed`));
      for (const secret of [...secrets, value]) if (name !== 'ZENVIA_SENDER_ID') expect(message).not.toContain(secret);
    }
    expect(refusal({ ZENVIA_WEBHOOK_URL: 'https://helpdesk.example.com/hooks' })).toMatch(/^ZENVIA_WEBHOOK_URL is malformed: its path must end with \/webhooks\/zenvia/);
    expect(refusal({ ZENVIA_WEBHOOK_URL: 'https://user:pass@helpdesk.example.com/webhooks/zenvia' })).not.toContain('pass');
    expect(refusal({ ZENVIA_WEBHOOK_SECRET: `${env.ZENVIA_WEBHOOK_SECRET} x` })).not.toContain(env.ZENVIA_WEBHOOK_SECRET);
    expect(refusal({ ZENVIA_WEBHOOK_SECRET: env.ZENVIA_API_TOKEN })).toMatch(/^ZENVIA_WEBHOOK_SECRET must differ/);
    expect(refusal({ ZENVIA_WEBHOOK_SECRET: env.ZENVIA_API_TOKEN })).not.toContain(env.ZENVIA_API_TOKEN);
    // Plain http only for this machine's own address (a local proxy, tests).
    expect(parseConfig([], { ...env, ZENVIA_WEBHOOK_URL: 'http://127.0.0.1:4010/webhooks/zenvia' }).zenvia?.publicUrl).toBe('http://127.0.0.1:4010');
  });

  it('stops the real command at start, naming the variable, exit code 2, secrets not printed', () => {
    const result = runServerCommand({ ...env, ZENVIA_SENDER_ID: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('configuration error: ZENVIA_SENDER_ID is required with WHATSAPP_PROVIDER=zenvia');
    for (const secret of secrets) expect(result.stderr + result.stdout).not.toContain(secret);
  });
});
