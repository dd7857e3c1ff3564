import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { attachmentProblem } from '../../../shared/api/attachments';
import type { Attachment } from '../../../shared/api/attachments';
import { mediaUrl, UPLOAD_CHUNK_BYTES } from '../../../shared/ipc/media';
import { api, call, DesktopError } from './desktop';
import { keys } from './keys';

/**
 * The URL of an attachment's bytes for `<img>`, `<audio>`, `<video>` and download links. It
 * points at the shell (Electron's `zapdesk-media:` scheme or the web host's `/media/`), which asks
 * the core: the renderer never sees the token or the server.
 */
export function useMediaUrl(): (attachmentId: string) => string | null {
  const host = useHost();
  return useCallback((id: string) => (host ? mediaUrl(host, id) : null), [host]);
}

/** The shell the renderer runs in ('electron' or 'web'), or undefined until it said. */
export function useHost(): 'electron' | 'web' | undefined {
  const info = useQuery({ queryKey: keys.appInfo, queryFn: () => call(api().app.info()), staleTime: Infinity });
  return info.data?.host;
}

/** The browser's type for a file, or one guessed from its extension when the OS gave none. */
export function mimeTypeOf(file: File): string {
  if (file.type) return file.type;
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  const byExt: Record<string, string> = {
    jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', mp4: 'video/mp4', '3gp': 'video/3gpp',
    mp3: 'audio/mpeg', m4a: 'audio/mp4', aac: 'audio/aac', amr: 'audio/amr', ogg: 'audio/ogg', opus: 'audio/ogg',
    pdf: 'application/pdf', txt: 'text/plain', doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  };
  return byExt[ext] ?? 'application/octet-stream';
}

/** Why WhatsApp would refuse this file (checked before any byte moves), or null. */
export function fileProblem(file: File) {
  return attachmentProblem(mimeTypeOf(file), file.size);
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Sends a file to the core in chunks, then the core uploads it to the server. `onProgress` gets
 * 0..1: the first half is the hand-over to the core, the second the upload to the server.
 * `signal` cancels (the core forgets the half-sent file).
 */
export async function uploadFile(file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<Attachment> {
  const begun = await call(api().attachments.begin({ fileName: file.name || 'file', mimeType: mimeTypeOf(file), size: file.size }));
  const { uploadId } = begun;
  const off = api().on.upload((p) => {
    if (p.uploadId === uploadId && p.total > 0) onProgress(0.5 + (0.5 * p.loaded) / p.total);
  });
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
      if (signal?.aborted) throw new DOMException('Upload cancelled', 'AbortError');
      const chunk = bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
      await call(api().attachments.chunk({ uploadId, offset, data: base64(chunk) }));
      onProgress((0.5 * (offset + chunk.length)) / bytes.length);
    }
    if (signal?.aborted) throw new DOMException('Upload cancelled', 'AbortError');
    const attachment = await call(api().attachments.finish({ uploadId }));
    onProgress(1);
    return attachment;
  } catch (error) {
    if (!(error instanceof DesktopError)) void api().attachments.cancel({ uploadId });
    throw error;
  } finally {
    off();
  }
}

/** "2.4 MB", "812 KB", "120 B" in the user's number format. */
export function formatBytes(size: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
