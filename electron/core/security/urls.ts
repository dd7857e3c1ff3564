/** Which URLs the shell lets through: server addresses, links for the system browser. Pure: tested in Node. */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function parse(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** 127.0.0.1, localhost or ::1: traffic that never leaves this computer. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/**
 * Why a server address may not be used, or null when it may: https anywhere, http only to this
 * computer unless IT policy `allowInsecureServer` allows it (labs); never credentials in the URL.
 */
export function serverUrlProblem(text: string, allowInsecure = false): string | null {
  const url = parse(text);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) return 'not an http(s) server address';
  if (url.username || url.password) return 'a server address cannot carry a user name or password';
  if (url.protocol === 'http:' && !allowInsecure && !isLoopbackHost(url.hostname)) {
    return 'use https (http only for this computer: 127.0.0.1, localhost, ::1)';
  }
  return null;
}

/** Links the system browser or mail client may open: https (with a host) and mailto, no credentials, no odd lengths. */
export function isOpenableExternalUrl(text: string): boolean {
  if (typeof text !== 'string' || text.length > 2048) return false;
  const url = parse(text);
  if (!url || url.username || url.password) return false;
  if (url.protocol === 'mailto:') return url.pathname.length > 0 && !/[\r\n]/.test(decodeURIComponentSafe(url.href));
  return url.protocol === 'https:' && url.hostname.length > 0;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '\n';
  }
}

export type LinkDecision = 'open' | 'confirm' | 'refuse';

export interface LinkContext {
  /** `trustedLinkOrigins`: exact origins and `https://*.example.com` wildcards. */
  trusted: readonly string[];
  /** The signed-in server's address, or null when signed out. */
  serverUrl: string | null;
}

/**
 * What the shell does with a link the renderer wants to open outside the app: refuse what
 * `isOpenableExternalUrl` refuses; open mailto, and https to the signed-in server's origin or a
 * trusted one, at once; ask about any other https link. Origins are compared as the WHATWG URL
 * parser writes them (lower case, punycode, default port dropped), never as typed.
 */
export function linkDecision(text: string, context: LinkContext): LinkDecision {
  if (!isOpenableExternalUrl(text)) return 'refuse';
  const url = new URL(text);
  if (url.protocol === 'mailto:') return 'open';
  if (context.serverUrl !== null && parse(context.serverUrl)?.origin === url.origin) return 'open';
  return context.trusted.some((entry) => matchesTrustedOrigin(url, entry)) ? 'open' : 'confirm';
}

/** `https://a.example.com` matches `https://a.example.com` and `https://*.example.com`; not `https://example.com` nor `evil-example.com`. */
function matchesTrustedOrigin(url: URL, entry: string): boolean {
  // Parsed without the "*." (Chromium's parser would escape the star): the name under it.
  const wildcard = entry.startsWith('https://*.');
  const trusted = parse(wildcard ? `https://${entry.slice('https://*.'.length)}` : entry);
  if (!trusted || trusted.protocol !== 'https:') return false;
  if (!wildcard) return trusted.origin === url.origin;
  const suffix = `.${trusted.hostname}`;
  return trusted.port === url.port && url.hostname.endsWith(suffix) && url.hostname.length > suffix.length;
}
