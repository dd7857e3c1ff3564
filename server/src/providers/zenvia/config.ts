/**
 * The Zenvia (API v2) settings, read from the environment (whatsapp-protocol.md §2). A mistake
 * stops the server at start with a message that names the variable; the values of secrets (and of
 * URLs, which may carry some) never appear in it.
 */
import { envReader } from '../env';

export interface ZenviaConfig {
  /** API base, no trailing slash, e.g. `https://api.zenvia.com/v2` (tests point it at a fake). */
  apiUrl: string;
  /** Sent as `X-API-TOKEN`; never printed or logged. */
  apiToken: string;
  /** The WhatsApp number registered at Zenvia, digits: the `from` of every send. */
  senderId: string;
  /** The public URL at which Zenvia reaches `POST /webhooks/zenvia`. */
  webhookUrl: string;
  /** The value of our subscriptions' WEBHOOK_SECRET_HEADER: Zenvia signs nothing, so this proves a call is Zenvia's. */
  webhookSecret: string;
  /** The same public address without `/webhooks/zenvia`: where the file links Zenvia fetches point. */
  publicUrl: string;
}

export const ZENVIA_DEFAULTS = { apiUrl: 'https://api.zenvia.com/v2' } as const;

/** The header our subscriptions carry with ZENVIA_WEBHOOK_SECRET. */
export const WEBHOOK_SECRET_HEADER = 'X-ZapDesk-Webhook-Secret';
export const WEBHOOK_PATH = '/webhooks/zenvia';

/** Thrown for a missing or malformed ZENVIA_* variable; cli.ts prints it like any ConfigError. */
export class ZenviaConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** An http(s) URL with no credentials, query or fragment; with `httpsOnly`, plain http only for this machine's own addresses (tests, a local proxy). */
function url(name: string, text: string, what: string, options: { httpsOnly?: boolean } = {}): URL {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new ZenviaConfigError(`${name} is malformed: expected ${what} (value not shown)`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  const schemeOk = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && (!options.httpsOnly || loopback));
  if (!schemeOk || parsed.username || parsed.password || parsed.search || parsed.hash) {
    throw new ZenviaConfigError(`${name} is malformed: expected ${what}, with no credentials, query or fragment${options.httpsOnly ? ' (https, except on this machine)' : ''} (value not shown)`);
  }
  return parsed;
}

export function parseZenviaConfig(env: Env): ZenviaConfig {
  const { required, secret } = envReader(env, 'zenvia', (message) => new ZenviaConfigError(message));
  const api = url('ZENVIA_API_URL', env.ZENVIA_API_URL?.trim() || ZENVIA_DEFAULTS.apiUrl, `an http(s) URL such as ${ZENVIA_DEFAULTS.apiUrl}`);
  const apiToken = secret('ZENVIA_API_TOKEN', 'the API token from Zenvia\'s API console', 16);
  const senderId = required('ZENVIA_SENDER_ID', 'the WhatsApp number registered at Zenvia, digits such as 5511999990000');
  if (!/^\d{6,20}$/.test(senderId)) {
    throw new ZenviaConfigError('ZENVIA_SENDER_ID is malformed: expected the WhatsApp number registered at Zenvia as digits only, such as 5511999990000 (no +, spaces or dashes)');
  }
  const webhookText = required('ZENVIA_WEBHOOK_URL', `the public URL at which Zenvia reaches this server's POST ${WEBHOOK_PATH}`);
  const webhook = url('ZENVIA_WEBHOOK_URL', webhookText, `the public https URL of this server's ${WEBHOOK_PATH}, such as https://helpdesk.example.com${WEBHOOK_PATH}`, { httpsOnly: true });
  const path = webhook.pathname.replace(/\/+$/, '');
  if (!path.endsWith(WEBHOOK_PATH)) {
    throw new ZenviaConfigError(`ZENVIA_WEBHOOK_URL is malformed: its path must end with ${WEBHOOK_PATH}, the route this server answers (value not shown)`);
  }
  const webhookSecret = secret('ZENVIA_WEBHOOK_SECRET', `a secret you choose, sent by Zenvia in the ${WEBHOOK_SECRET_HEADER} header`, 16);
  if (webhookSecret === apiToken) throw new ZenviaConfigError('ZENVIA_WEBHOOK_SECRET must differ from ZENVIA_API_TOKEN (values not shown)');
  return {
    apiUrl: api.toString().replace(/\/+$/, ''),
    apiToken,
    senderId,
    webhookUrl: `${webhook.origin}${path}`,
    webhookSecret,
    publicUrl: `${webhook.origin}${path.slice(0, -WEBHOOK_PATH.length)}`,
  };
}

/** Replaces any secret of `config` found in `text` (error bodies, logs) with `[redacted]`. */
export function redactSecrets(config: Pick<ZenviaConfig, 'apiToken' | 'webhookSecret'>, text: string): string {
  let out = text;
  for (const value of [config.apiToken, config.webhookSecret]) {
    if (value) out = out.split(value).join('[redacted]');
  }
  return out;
}
