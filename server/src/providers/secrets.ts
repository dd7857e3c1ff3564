import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares two strings in constant time (their hashes, so lengths leak nothing either). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
