import { ATTACHMENT_LIMITS, attachmentLimitFor, attachmentProblem, type AttachmentType } from '../../../../shared/api/attachments';
import type { MediaHeaderFormat, Template } from '../../../../shared/api/templates';

/** The attachment type each media header takes (an IMAGE header takes JPEG or PNG, never a WebP sticker). */
const HEADER_TYPE: Record<MediaHeaderFormat, AttachmentType> = { IMAGE: 'image', VIDEO: 'video', DOCUMENT: 'document' };

/**
 * Why a file cannot be this header's media, checked before any upload: a file WhatsApp takes
 * nowhere or one too large (the server's codes, from attachmentProblem), or a file of another
 * type than the header's (a PDF for an IMAGE header).
 */
export function headerFileProblem(
  format: MediaHeaderFormat,
  mimeType: string,
  size: number,
): 'ATTACHMENT_TYPE_NOT_ALLOWED' | 'ATTACHMENT_TOO_LARGE' | 'HEADER_TYPE_MISMATCH' | null {
  const limit = attachmentLimitFor(mimeType);
  if (limit && limit.type !== HEADER_TYPE[format]) return 'HEADER_TYPE_MISMATCH';
  return attachmentProblem(mimeType, size);
}

/** The file chooser's `accept` for a header: only the types it takes. */
export function headerAccept(format: MediaHeaderFormat): string {
  return ATTACHMENT_LIMITS.filter((l) => l.type === HEADER_TYPE[format])
    .flatMap((l) => l.mimeTypes)
    .join(',');
}

/**
 * When the customer stopped marketing messages in WhatsApp and the template is a marketing one:
 * the time they did (WhatsApp refuses such a send with error 131050). Null when nothing stands
 * in the way.
 */
export function marketingOptOut(template: Pick<Template, 'category'> | null, contact: { marketingOptOutAt?: string | null }): string | null {
  return template?.category === 'MARKETING' && contact.marketingOptOutAt ? contact.marketingOptOutAt : null;
}
