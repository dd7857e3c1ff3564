/**
 * Attachments (architecture.md, "Contract additions (turn 2)"): files an agent uploads to send
 * (`POST /attachments`) and media a customer sent, kept by the server
 * (`GET /attachments/:id/content`). The limits are WhatsApp's (whatsapp-protocol.md §1.8); the
 * server enforces them at upload, the desktop checks them before uploading. One home for both.
 */
import { z } from 'zod';

export const AttachmentType = z.enum(['image', 'video', 'audio', 'document', 'sticker']);
export type AttachmentType = z.infer<typeof AttachmentType>;

/**
 * `ready`: the bytes are here. `pending`: inbound media still being fetched from WhatsApp (the
 * message is shown at once, its content follows). `failed`: WhatsApp would not give the bytes.
 */
export const AttachmentState = z.enum(['ready', 'pending', 'failed']);
export type AttachmentState = z.infer<typeof AttachmentState>;

export const Attachment = z.object({
  id: z.string(),
  type: AttachmentType,
  mimeType: z.string(),
  fileName: z.string().nullable().optional(),
  /** Bytes; null while not known yet (inbound media being fetched). */
  size: z.number().int().nonnegative().nullable().optional(),
  state: AttachmentState.default('ready'),
  /** Inbound voice notes (recorded in WhatsApp), as opposed to audio files. */
  voice: z.boolean().optional(),
});
export type Attachment = z.infer<typeof Attachment>;

export const AttachmentResponse = Attachment.extend({ serverTime: z.string().datetime({ offset: true }) });

const MB = 1024 * 1024;

/** What WhatsApp accepts, per type: MIME types and the largest size. Order matters: first match wins. */
export const ATTACHMENT_LIMITS: readonly { type: AttachmentType; mimeTypes: readonly string[]; maxBytes: number }[] = [
  { type: 'sticker', mimeTypes: ['image/webp'], maxBytes: 500 * 1024 },
  { type: 'image', mimeTypes: ['image/jpeg', 'image/png'], maxBytes: 5 * MB },
  { type: 'video', mimeTypes: ['video/mp4', 'video/3gpp'], maxBytes: 16 * MB },
  { type: 'audio', mimeTypes: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'], maxBytes: 16 * MB },
  {
    type: 'document',
    mimeTypes: [
      'text/plain',
      'application/pdf',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.ms-powerpoint',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    maxBytes: 100 * MB,
  },
];

/** The largest file any type allows (the upload route stops reading past it). */
export const MAX_ATTACHMENT_BYTES = Math.max(...ATTACHMENT_LIMITS.map((l) => l.maxBytes));

/** The attachment type a MIME type is sent as, or null when WhatsApp takes no such file. */
export function attachmentLimitFor(mimeType: string): (typeof ATTACHMENT_LIMITS)[number] | null {
  const bare = mimeType.split(';')[0]!.trim().toLowerCase();
  return ATTACHMENT_LIMITS.find((l) => l.mimeTypes.includes(bare)) ?? null;
}

/** Why a file cannot be sent (the server's codes), or null when it can. */
export function attachmentProblem(mimeType: string, size: number): 'ATTACHMENT_TYPE_NOT_ALLOWED' | 'ATTACHMENT_TOO_LARGE' | null {
  const limit = attachmentLimitFor(mimeType);
  if (!limit) return 'ATTACHMENT_TYPE_NOT_ALLOWED';
  return size > limit.maxBytes ? 'ATTACHMENT_TOO_LARGE' : null;
}

/** WhatsApp shows a caption under images, videos and documents only, up to this many characters. */
export const CAPTION_MAX = 1024;
export const takesCaption = (type: AttachmentType) => type === 'image' || type === 'video' || type === 'document';
