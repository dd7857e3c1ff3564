/**
 * Opening an attachment with the computer's own app (Electron: `shell.openPath`) means writing it
 * to disk under a name the operating system will act on. The name is the customer's, so it is
 * made harmless here: no folders, no control or direction characters, no names Windows reserves,
 * and always the extension of its (checked) MIME type, so that "invoice.pdf.exe" opens as a PDF
 * and never runs.
 */
import { attachmentLimitFor, type AttachmentType } from '../../../shared/api/attachments';

/**
 * The extensions each type WhatsApp accepts (shared/api/attachments.ts ATTACHMENT_LIMITS) may
 * carry on disk; the first is used when the name has none of them. Nothing else is ever opened.
 */
export const OPENABLE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'image/webp': ['webp'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'video/mp4': ['mp4'],
  'video/3gpp': ['3gp'],
  'audio/aac': ['aac'],
  'audio/amr': ['amr'],
  'audio/mpeg': ['mp3'],
  'audio/mp4': ['m4a'],
  'audio/ogg': ['ogg', 'opus', 'oga'],
  'text/plain': ['txt'],
  'application/pdf': ['pdf'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.ms-powerpoint': ['ppt'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
};

/** What may be opened: a type WhatsApp accepts, with its extensions; null for anything else. */
export function openableType(mimeType: string): { type: AttachmentType; extensions: readonly string[] } | null {
  const bare = mimeType.split(';')[0]!.trim().toLowerCase();
  const limit = attachmentLimitFor(bare);
  const extensions = OPENABLE_EXTENSIONS[bare];
  return limit && extensions ? { type: limit.type, extensions } : null;
}

const MAX_BASE_LENGTH = 100;
/** C0/C1 controls, and invisible or direction-changing characters ("\u202Efdp.exe"). */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
/** Characters Windows does not allow in a name (and ':' would name an NTFS stream). */
const FORBIDDEN = /[<>:"|?*]/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)$/i;
const trimEnds = (value: string) => value.replace(/^[\s.]+|[\s.]+$/g, '');

/**
 * A file name that is safe to write and to hand to the operating system: `name`'s last segment,
 * cleaned, ending in one of `extensions` (the first is added when it ends in none of them);
 * `fallback` (e.g. "document") when nothing of the name is left.
 */
export function safeFileName(name: string | null | undefined, extensions: readonly string[], fallback: string): string {
  const segment = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = trimEnds(segment.normalize('NFC').replace(INVISIBLE, '').replace(FORBIDDEN, '_'));
  const dot = clean.lastIndexOf('.');
  const given = dot > 0 ? clean.slice(dot + 1).toLowerCase() : '';
  const keeps = extensions.includes(given);
  const extension = keeps ? given : extensions[0]!;
  let base = keeps ? clean.slice(0, dot) : clean;
  // By code points, so that a character outside the BMP is never cut in half.
  base = trimEnds(Array.from(base).slice(0, MAX_BASE_LENGTH).join(''));
  if (!base) base = fallback;
  if (WINDOWS_RESERVED.test(base.split('.')[0]!.trim())) base = `_${base}`;
  return `${base}.${extension}`;
}

/** The file name in a Content-Disposition value (RFC 6266: `filename*` first), or null. */
export function fileNameOf(disposition: string | null | undefined): string | null {
  if (!disposition) return null;
  const extended = /;\s*filename\*\s*=\s*([^;]+)/i.exec(disposition)?.[1]?.trim();
  if (extended) {
    const match = /^utf-8'[^']*'(.+)$/i.exec(extended);
    if (match) {
      try {
        return decodeURIComponent(match[1]!);
      } catch {
        // Badly encoded: fall back to the plain parameter.
      }
    }
  }
  const quoted = /;\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(disposition)?.[1];
  if (quoted !== undefined) return quoted.replace(/\\(.)/g, '$1') || null;
  return /;\s*filename\s*=\s*([^;\s]+)/i.exec(disposition)?.[1] ?? null;
}
