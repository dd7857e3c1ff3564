/**
 * What a failed HTTP call to a provider means, for every provider's client: whether the request
 * certainly never reached the provider (safe to send again) or may have (a send must then wait
 * for proof), and how long the provider asked us to wait.
 */

/** Failures before a connection existed: the request certainly did not reach the provider. */
export const BEFORE_CONNECT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL']);

/** The system error code behind a failed fetch (undici nests it in `cause`, sometimes in `errors`). */
export function causeCode(error: unknown): string | undefined {
  let current = error as { code?: unknown; cause?: unknown; errors?: unknown[] } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string') return current.code;
    const first = current.errors?.[0] as { code?: unknown } | undefined;
    if (typeof first?.code === 'string') return first.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

/** A `Retry-After` header (seconds or an HTTP date) in milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
