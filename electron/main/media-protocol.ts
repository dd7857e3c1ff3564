/** The `zapdesk-media:` scheme: attachment bytes for the renderer, answered by the core (token stays here). */
import { protocol } from 'electron';
import { MEDIA_SCHEME } from '../../shared/ipc/media';
import type { MediaResponse } from '../core/media/media';

export interface MediaSource {
  respond(attachmentId: string, range?: string | null): Promise<MediaResponse>;
}

/** A standard, secure scheme that media elements may stream from. */
export const MEDIA_SCHEME_PRIVILEGES = { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } };

/** Before the app is ready (main registers every scheme at once: see registerSchemes in app-protocol.ts). */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([MEDIA_SCHEME_PRIVILEGES]);
}

export function handleMediaScheme(media: MediaSource): void {
  protocol.handle(MEDIA_SCHEME, (request) => answerMedia(media, request));
}

/** `zapdesk-media://media/<attachmentId>`, GET or HEAD only; anything else is refused. */
export async function answerMedia(media: MediaSource, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  const url = new URL(request.url);
  const segments = url.pathname.split('/').filter(Boolean);
  if (url.host !== 'media' || segments.length !== 1) return new Response(null, { status: 404 });
  let id: string;
  try {
    id = decodeURIComponent(segments[0]!);
  } catch {
    return new Response(null, { status: 400 });
  }
  const answer = await media.respond(id, request.headers.get('range'));
  const body = request.method === 'HEAD' || !answer.body ? null : answer.body;
  return new Response(body as ConstructorParameters<typeof Response>[0], { status: answer.status, headers: answer.headers });
}
