/** The `app:` scheme: the built renderer, served from out/renderer, instead of file:// (which would reach any file). */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { protocol } from 'electron';
import { MEDIA_SCHEME_PRIVILEGES } from './media-protocol';

export const APP_SCHEME = 'app';
const APP_HOST = 'renderer';
/** The only page our window loads in a packaged app (the sender check compares with it). */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

/**
 * Before the app is ready, once for every scheme (Electron keeps only the last call): ours is
 * standard and secure (so 'self' in the CSP and secure-context APIs work), nothing more.
 */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    MEDIA_SCHEME_PRIVILEGES,
  ]);
}

export function handleAppScheme(root: string): void {
  protocol.handle(APP_SCHEME, (request) => answerApp(root, request));
}

/** `app://renderer/<file under root>`, GET or HEAD; other hosts, escapes from root and folders are refused. */
export async function answerApp(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  let path: string;
  let host: string;
  try {
    const url = new URL(request.url);
    host = url.host;
    path = decodeURIComponent(url.pathname);
  } catch {
    return new Response(null, { status: 400 });
  }
  if (host !== APP_HOST || path.includes('\0')) return new Response(null, { status: 404 });
  const base = resolve(root);
  const file = resolve(join(base, path === '/' ? 'index.html' : path));
  const inside = relative(base, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside)) return new Response(null, { status: 404 });
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return new Response(null, { status: 404 });
  }
  const headers = { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff' };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(bytes), { status: 200, headers });
}
