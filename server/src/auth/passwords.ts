import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (memory-hard, OWASP-level parameters). */
export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the e-mail is unknown, so both failures cost the same time. */
let dummy: Promise<string> | null = null;
export const dummyHash = () => (dummy ??= hash('no-such-user-password'));
