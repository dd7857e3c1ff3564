/**
 * Reading a provider's variables from the environment, one rule for both: a missing one is named
 * with the provider that needs it; a secret must be printable, without spaces and long enough to
 * be real, and its value never appears in a message.
 */
type Env = Record<string, string | undefined>;

export function envReader(env: Env, provider: 'meta' | 'zenvia', error: (message: string) => Error) {
  const required = (name: string, what: string): string => {
    const value = env[name]?.trim();
    if (!value) throw error(`${name} is required with WHATSAPP_PROVIDER=${provider} (${what})`);
    return value;
  };
  const secret = (name: string, what: string, minLength: number): string => {
    const value = required(name, what);
    if (!/^[\x21-\x7e]+$/.test(value) || value.length < minLength) {
      throw error(`${name} is malformed: expected ${what}, at least ${minLength} visible characters with no spaces (value not shown)`);
    }
    return value;
  };
  return { required, secret };
}
