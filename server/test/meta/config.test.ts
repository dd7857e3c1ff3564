import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config';
import { refusal as refusalWith, runServerCommand } from '../server-command';

const env = {
  WHATSAPP_PROVIDER: 'meta',
  META_ACCESS_TOKEN: 'EAAsecretACCESStokenVALUE0123456789',
  META_PHONE_NUMBER_ID: '1000000000001',
  META_WABA_ID: '2000000000002',
  META_APP_SECRET: 'appsecretVALUEdeadbeef0123456789',
  META_VERIFY_TOKEN: 'verifySECRETtoken',
};
const secrets = [env.META_ACCESS_TOKEN, env.META_APP_SECRET, env.META_VERIFY_TOKEN];

const refusal = (overrides: Record<string, string | undefined>) => refusalWith(env, overrides);

describe('WHATSAPP_PROVIDER=meta configuration', () => {
  it('reads every META_* variable, with defaults for the Graph URL and version', () => {
    const config = parseConfig([], env);
    expect(config.provider).toBe('meta');
    expect(config.meta).toEqual({
      graphUrl: 'https://graph.facebook.com', apiVersion: 'v23.0', accessToken: env.META_ACCESS_TOKEN, phoneNumberId: env.META_PHONE_NUMBER_ID,
      wabaId: env.META_WABA_ID, appSecret: env.META_APP_SECRET, verifyToken: env.META_VERIFY_TOKEN,
    });
    expect(parseConfig([], { ...env, META_GRAPH_URL: 'http://127.0.0.1:9999/', META_API_VERSION: 'v25.0' }).meta).toMatchObject({
      graphUrl: 'http://127.0.0.1:9999', apiVersion: 'v25.0',
    });
    expect(parseConfig([], {}).meta).toBeNull();
  });

  it('names each missing variable', () => {
    for (const name of ['META_ACCESS_TOKEN', 'META_PHONE_NUMBER_ID', 'META_WABA_ID', 'META_APP_SECRET', 'META_VERIFY_TOKEN']) {
      expect(refusal({ [name]: undefined })).toMatch(new RegExp(`^${name} is required`));
      expect(refusal({ [name]: '   ' })).toContain(name);
    }
  });

  it('names each malformed variable and never shows a secret', () => {
    const cases: Record<string, string> = {
      META_GRAPH_URL: 'ftp://graph.example',
      META_API_VERSION: '23',
      META_PHONE_NUMBER_ID: 'PNID-abc',
      META_WABA_ID: '12 34',
      META_ACCESS_TOKEN: `${env.META_ACCESS_TOKEN} extra`,
      META_APP_SECRET: 'short',
      META_VERIFY_TOKEN: 'has a space in it',
    };
    for (const [name, value] of Object.entries(cases)) {
      const message = refusal({ [name]: value });
      expect(message, name).toMatch(new RegExp(`^${name} is malformed`));
      for (const secret of [...secrets, value]) if (name !== 'META_API_VERSION') expect(message).not.toContain(secret);
    }
    expect(refusal({ META_GRAPH_URL: 'https://user:pass@graph.example' })).not.toContain('pass');
  });

  it('refuses an unknown provider, naming the three', () => {
    expect(() => parseConfig([], { WHATSAPP_PROVIDER: 'twilio' })).toThrow(/WHATSAPP_PROVIDER must be sandbox, meta or zenvia, got "twilio"/);
  });

  it('stops the real command at start, naming the variable, exit code 2, secrets not printed', () => {
    const result = runServerCommand({ ...env, META_APP_SECRET: 'x' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('META_APP_SECRET is malformed');
    for (const secret of secrets) expect(result.stderr + result.stdout).not.toContain(secret);
  });
});
