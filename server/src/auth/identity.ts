/**
 * The one spelling of a sign-in identity: what sign-in looks up and what the login rate limit
 * counts, so no padded or capitalised variant of an e-mail gets guesses of its own.
 */
export function normalizeEmail(email: unknown): string {
  return typeof email === 'string' ? email.normalize('NFKC').trim().toLowerCase() : '';
}
