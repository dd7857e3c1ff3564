/** File names as customers and agents give them, made safe to keep and to show. */
import { basename } from 'node:path';

/**
 * The last path segment, without control characters (NUL included), trimmed to 255 characters;
 * null when nothing is left.
 */
export function storableName(name: string | null | undefined): string | null {
  if (!name) return null;
  const clean = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean && clean !== '.' && clean !== '..' ? clean : null;
}

/** A Content-Disposition header value that survives any name (RFC 6266 / 5987). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string | null): string {
  if (!name) return kind;
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
