import { Settings, TrustedLinkOrigin } from '../../../../shared/ipc/settings';

/**
 * What the user typed, as the entry the setting keeps: `Docs.Example.com/` → `https://docs.example.com`,
 * `*.example.com` → `https://*.example.com`, an international name → its punycode (what links are
 * compared with). Null for anything else: http, a path, a query, a user name, `*.com`.
 */
export function trustedOriginFrom(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  const withScheme = text.includes('://') ? text : `https://${text}`;
  // A wildcard is parsed without its "*." (Chromium's parser escapes the star as %2A).
  const wildcard = /^https:\/\/\*\./i.test(withScheme);
  let url: URL;
  try {
    url = new URL(wildcard ? `https://${withScheme.slice('https://*.'.length)}` : withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
  const origin = `https://${wildcard ? '*.' : ''}${url.host}`;
  return TrustedLinkOrigin.safeParse(origin).success ? origin : null;
}

/** The list with `origin` added at the end (once), or null when the setting cannot hold more. */
export function withTrustedOrigin(origins: readonly string[], origin: string): string[] | null {
  if (origins.includes(origin)) return [...origins];
  const next = [...origins, origin];
  return Settings.shape.trustedLinkOrigins.safeParse(next).success ? next : null;
}
