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
