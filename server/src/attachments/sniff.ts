/**
 * What a file really is, from its bytes (file-type's magic numbers), never from its name or the
 * type the client claims. The name only decides between formats whose bytes look alike (the old
 * Office formats share one container); plain text has no magic number and is accepted only as
 * valid UTF-8 without NUL characters.
 */
import { fileTypeFromBuffer } from 'file-type';
import { extname } from 'node:path';

/** file-type's names → the ones WhatsApp lists (shared/api/attachments.ts). */
const ALIASES: Record<string, string> = {
  'audio/opus': 'audio/ogg',
  'audio/x-m4a': 'audio/mp4',
  'audio/x-aac': 'audio/aac',
  'audio/amr-wb': 'audio/amr',
  'video/3gpp2': 'video/3gpp',
};

/** Old Office files are all one container (Compound File Binary): the extension tells which. */
const CFB_BY_EXTENSION: Record<string, string> = {
  '.doc': 'application/msword',
  '.xls': 'application/vnd.ms-excel',
  '.ppt': 'application/vnd.ms-powerpoint',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The MIME type of these bytes, or null when they are nothing we can name. */
export async function sniffMimeType(bytes: Uint8Array, fileName: string | null): Promise<string | null> {
  if (!bytes.length) return null;
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    const mime = found.mime.split(';')[0]!.trim().toLowerCase();
    if (mime === 'application/x-cfb') return CFB_BY_EXTENSION[extname(fileName ?? '').toLowerCase()] ?? mime;
    return ALIASES[mime] ?? mime;
  }
  return isPlainText(bytes) ? 'text/plain' : null;
}
