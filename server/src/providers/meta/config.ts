/**
 * The Meta (WhatsApp Cloud API) settings, read from the environment. A mistake stops the server
 * at start with a message that names the variable; the values of secrets never appear in it.
 */
import { envReader } from '../env';

export interface MetaConfig {
  /** Graph API origin, no trailing slash (tests point it at a fake). */
  graphUrl: string;
  /** e.g. `v23.0`. */
  apiVersion: string;
  accessToken: string;
  phoneNumberId: string;
  wabaId: string;
  appSecret: string;
  verifyToken: string;
}

export const META_DEFAULTS = { graphUrl: 'https://graph.facebook.com', apiVersion: 'v23.0' } as const;

/** Thrown for a missing or malformed META_* variable; cli.ts prints it like any ConfigError. */
export class MetaConfigError extends Error {}

type Env = Record<string, string | undefined>;

function numericId(required: (name: string, what: string) => string, name: string, what: string): string {
  const value = required(name, what);
  if (!/^\d{5,25}$/.test(value)) throw new MetaConfigError(`${name} is malformed: expected ${what}, digits only (value not shown)`);
  return value;
}

export function parseMetaConfig(env: Env): MetaConfig {
  const { required, secret } = envReader(env, 'meta', (message) => new MetaConfigError(message));
  const graphText = env.META_GRAPH_URL?.trim() || META_DEFAULTS.graphUrl;
  let graph: URL;
  try {
    graph = new URL(graphText);
  } catch {
    throw new MetaConfigError('META_GRAPH_URL is malformed: expected an http(s) URL such as https://graph.facebook.com (value not shown)');
  }
  if (!/^https?:$/.test(graph.protocol) || graph.username || graph.password || graph.search || graph.hash) {
    throw new MetaConfigError('META_GRAPH_URL is malformed: expected an http(s) URL with no credentials, query or fragment, such as https://graph.facebook.com (value not shown)');
  }
  const apiVersion = env.META_API_VERSION?.trim() || META_DEFAULTS.apiVersion;
  if (!/^v\d{1,3}\.\d{1,3}$/.test(apiVersion)) {
    throw new MetaConfigError(`META_API_VERSION is malformed: expected a Graph API version such as ${META_DEFAULTS.apiVersion}`);
  }
  return {
    graphUrl: graph.toString().replace(/\/+$/, ''),
    apiVersion,
    accessToken: secret('META_ACCESS_TOKEN', 'the system user access token', 20),
    phoneNumberId: numericId(required, 'META_PHONE_NUMBER_ID', 'the business phone number id'),
    wabaId: numericId(required, 'META_WABA_ID', 'the WhatsApp Business Account id'),
    appSecret: secret('META_APP_SECRET', 'the app secret that signs webhooks', 16),
    verifyToken: secret('META_VERIFY_TOKEN', 'the webhook verify token you chose in the App Dashboard', 8),
  };
}

/** Replaces any secret of `config` found in `text` (error bodies, logs) with `[redacted]`. */
export function redactSecrets(config: Pick<MetaConfig, 'accessToken' | 'appSecret' | 'verifyToken'>, text: string): string {
  let out = text;
  for (const value of [config.accessToken, config.appSecret, config.verifyToken]) {
    if (value) out = out.split(value).join('[redacted]');
  }
  return out;
}
