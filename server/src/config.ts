import { resolve } from 'node:path';
import { getCountries } from 'libphonenumber-js';
import { MetaConfigError, parseMetaConfig, type MetaConfig } from './providers/meta/config';
import { parseZenviaConfig, ZenviaConfigError, type ZenviaConfig } from './providers/zenvia/config';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** Where attachment bytes are kept; null: the default (see ServerOptions.attachmentsDir). */
  attachmentsDir: string | null;
  databaseUrl: string | null;
  demoData: boolean;
  provider: 'sandbox' | 'meta' | 'zenvia';
  /** With WHATSAPP_PROVIDER=meta: the META_* settings. */
  meta: MetaConfig | null;
  /** With WHATSAPP_PROVIDER=zenvia: the ZENVIA_* settings. */
  zenvia: ZenviaConfig | null;
  /** Sign-in attempts allowed per minute for one address and account. */
  loginRateLimit: number;
  /** BUSINESS_COUNTRY (ISO alpha-2): where the business is based; authentication-international applies elsewhere. */
  businessCountry: string | null;
}

/** A configuration mistake: printed as one line naming the setting, exit code 2. */
export class ConfigError extends Error {}

function flag(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (value === undefined || value.startsWith('--')) throw new ConfigError(`${name} needs a value`);
  return value;
}

export function parseConfig(args: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const portText = flag(args, '--port') ?? env.PORT ?? '4010';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT (or --port) must be a whole number from 0 to 65535, got "${portText}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const demoText = env.DEMO_DATA?.trim();
  if (demoText && demoText !== '0' && demoText !== '1') throw new ConfigError(`DEMO_DATA must be 0 or 1, got "${demoText}"`);
  const provider = env.WHATSAPP_PROVIDER?.trim() || 'sandbox';
  if (provider !== 'sandbox' && provider !== 'meta' && provider !== 'zenvia') throw new ConfigError(`WHATSAPP_PROVIDER must be sandbox, meta or zenvia, got "${provider}"`);
  // A provider's own mistakes are configuration errors like any other.
  const read = <T>(parse: () => T, ProviderError: new (...args: never[]) => Error): T => {
    try {
      return parse();
    } catch (error) {
      throw error instanceof ProviderError ? new ConfigError(error.message) : error;
    }
  };
  const meta = provider === 'meta' ? read(() => parseMetaConfig(env), MetaConfigError) : null;
  const zenvia = provider === 'zenvia' ? read(() => parseZenviaConfig(env), ZenviaConfigError) : null;
  const limitText = env.LOGIN_RATE_LIMIT?.trim() || '10';
  const loginRateLimit = Number(limitText);
  if (!Number.isInteger(loginRateLimit) || loginRateLimit < 1) {
    throw new ConfigError(`LOGIN_RATE_LIMIT must be a whole number of attempts per minute (1 or more), got "${limitText}"`);
  }
  const country = env.BUSINESS_COUNTRY?.trim().toUpperCase() || null;
  if (country && !getCountries().includes(country as never)) {
    throw new ConfigError(`BUSINESS_COUNTRY must be an ISO 3166-1 alpha-2 country code such as BR or US, got "${env.BUSINESS_COUNTRY}"`);
  }
  return {
    loginRateLimit,
    businessCountry: country,
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir: resolve(flag(args, '--data-dir') ?? env.DATA_DIR ?? 'data'),
    attachmentsDir: ((dir) => (dir ? resolve(dir) : null))(flag(args, '--attachments-dir') ?? env.ATTACHMENTS_DIR?.trim()),
    databaseUrl,
    demoData: demoText ? demoText === '1' : !databaseUrl,
    provider,
    meta,
    zenvia,
  };
}
