/**
 * How the renderer reaches media (attachment bytes) without the token or the server URL: by a
 * URL that the shell answers through the desktop core (which fetches with the bearer token and
 * keeps a size-capped disk cache). Electron registers the `zapdesk-media:` scheme; the web host
 * serves the same bytes at a same-origin path.
 */
import { z } from 'zod';

export const MEDIA_SCHEME = 'zapdesk-media';
/** The web host's same-origin route prefix. */
export const WEB_MEDIA_PATH = '/media/';

/** Attachment ids are opaque, but never contain anything that could escape a URL path. */
export const MediaId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

/** The URL an `<img>`, `<audio>`, `<video>` or download link uses for one attachment. */
export function mediaUrl(host: 'electron' | 'web', attachmentId: string): string {
  const id = encodeURIComponent(attachmentId);
  return host === 'electron' ? `${MEDIA_SCHEME}://media/${id}` : `${WEB_MEDIA_PATH}${id}`;
}

/** The renderer sends a file to the core in chunks of at most this many bytes (base64 over IPC). */
export const UPLOAD_CHUNK_BYTES = 512 * 1024;

/** Progress of one upload from the core to the server (the renderer's bar follows it). */
export const UploadProgress = z.object({
  uploadId: z.string(),
  /** Bytes the server has been sent so far, of `total`. */
  loaded: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type UploadProgress = z.infer<typeof UploadProgress>;
