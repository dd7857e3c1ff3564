/**
 * Message templates and template sends (`GET /templates`, `POST /template-sends`). Component
 * definitions follow Meta's shape (uppercase types); `parameterFormat` says whether placeholders
 * are positional (`{{1}}`) or named (`{{first_name}}`).
 */
import { z } from 'zod';
import { Conversation, IsoDate, Location, Message, QueryText, TypedText } from './schemas';

/**
 * Meta's pricing categories. A template listed with a legacy or unknown category (e.g.
 * `SHIPPING_UPDATE`) is kept: `category` then holds the pricing category it is billed as and
 * `providerCategory` the word Meta used.
 */
export const TemplateCategory = z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']);
export type TemplateCategory = z.infer<typeof TemplateCategory>;

/** Only APPROVED is sendable; every other status (Meta has more than these) is not. */
export const TemplateStatus = z.enum([
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'DELETED',
  'ARCHIVED',
  'LIMIT_EXCEEDED',
  'LOCKED',
]);
export type TemplateStatus = z.infer<typeof TemplateStatus>;

/** Button types we can send; any other type Meta lists (CATALOG, MPM, SPM, VOICE_CALL...) is kept as it comes. */
export const KNOWN_BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW', 'OTP'] as const;
export type KnownButtonType = (typeof KNOWN_BUTTON_TYPES)[number];

export const TemplateButton = z.object({
  /** Meta's button type, uppercase; unknown ones are kept (the template is then not sendable). */
  type: z.union([z.enum(KNOWN_BUTTON_TYPES), z.string().min(1)]),
  text: z.string(),
  url: z.string().optional(),
  phoneNumber: z.string().optional(),
  /** OTP buttons: COPY_CODE, ONE_TAP or ZERO_TAP. */
  otpType: z.string().optional(),
  /** Example value (a copy-code button's example code, a URL button's example suffix). */
  example: z.string().optional(),
});
export type TemplateButton = z.infer<typeof TemplateButton>;

/** Header formats: TEXT, media (IMAGE, VIDEO, DOCUMENT), LOCATION; others (PRODUCT...) are kept, not sendable. */
export const MEDIA_HEADER_FORMATS = ['IMAGE', 'VIDEO', 'DOCUMENT'] as const;
export type MediaHeaderFormat = (typeof MEDIA_HEADER_FORMATS)[number];
export const KNOWN_HEADER_FORMATS = ['TEXT', ...MEDIA_HEADER_FORMATS, 'LOCATION'] as const;

export const TemplateComponent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('HEADER'),
    format: z.union([z.enum(KNOWN_HEADER_FORMATS), z.string().min(1)]),
    text: z.string().optional(),
  }),
  z.object({ type: z.literal('BODY'), text: z.string() }),
  z.object({ type: z.literal('FOOTER'), text: z.string() }),
  z.object({ type: z.literal('BUTTONS'), buttons: z.array(TemplateButton) }),
  /** Any other component (CAROUSEL, LIMITED_TIME_OFFER...): kept as Meta lists it, never sent. */
  z.object({ type: z.literal('OTHER'), kind: z.string(), raw: z.record(z.string(), z.unknown()) }),
]);
export type TemplateComponent = z.infer<typeof TemplateComponent>;

/** Template quality as WhatsApp rates it (all four can be sent). */
export const TemplateQuality = z.enum(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']);
export type TemplateQuality = z.infer<typeof TemplateQuality>;

export const Template = z.object({
  id: z.string(),
  name: z.string(),
  /** Meta's language code, e.g. `pt_BR`, `es`, `en_US`. */
  language: z.string(),
  category: TemplateCategory,
  /** The category exactly as Meta lists it, when it is not one of ours (legacy `SHIPPING_UPDATE`...). */
  providerCategory: z.string().nullable().optional(),
  status: TemplateStatus,
  quality: TemplateQuality.nullable().optional(),
  parameterFormat: z.enum(['POSITIONAL', 'NAMED']),
  components: z.array(TemplateComponent),
  /** Example values per parameter key (see shared/domain/template-params.ts), for previews. */
  examples: z.record(z.string(), z.string()).optional(),
  /** Why Meta rejected, paused or disabled it, when known. */
  statusReason: z.string().nullable().optional(),
  /**
   * Whether a send can go out as it is: APPROVED and every component one we send correctly.
   * Computed by the server (shared/domain/template-params.ts `templateSendability`).
   */
  sendable: z.boolean().optional(),
  /** Why not, in English for administrators (e.g. "carousel templates cannot be sent yet"). */
  notSendableReason: z.string().nullable().optional(),
  updatedAt: IsoDate.optional(),
});
export type Template = z.infer<typeof Template>;

export const TemplateListQuery = z.object({
  q: QueryText(200).optional(),
  language: QueryText(20).optional(),
  category: TemplateCategory.optional(),
  /** One status or `ALL` (administrators only); default APPROVED. */
  status: z.union([TemplateStatus, z.literal('ALL')]).optional(),
});
export type TemplateListQuery = z.infer<typeof TemplateListQuery>;

export const TemplateList = z.object({ items: z.array(Template), serverTime: IsoDate });
export type TemplateList = z.infer<typeof TemplateList>;

/** Bounds of the maximum waiting time for a reply, in minutes (1 minute to 7 days). */
export const MAX_WAIT_MINUTES = { min: 1, max: 7 * 24 * 60, default: 24 * 60 } as const;

/**
 * Header media of a template send: a public https link (checked by the send: https only) or an
 * attachment uploaded with `POST /attachments` (of the header's type), sent to WhatsApp by id.
 */
export const HeaderMedia = z.union([
  z.object({ link: QueryText(2000).trim().min(1) }).strict(),
  z.object({ attachmentId: QueryText(100).min(1) }).strict(),
]);
export type HeaderMedia = z.infer<typeof HeaderMedia>;

export const TemplateSendRequest = z.object({
  contactId: QueryText(100).min(1),
  templateId: QueryText(100).min(1),
  /** Values by parameter key: body placeholders by their name (`1`, `first_name`), header ones
   * as `header.<name>`, URL-button suffixes as `button.<index>`. */
  parameters: z.record(QueryText(100), TypedText().max(2000)).default({}),
  maxWaitMinutes: z.number().int(),
  ticketId: QueryText(100).min(1).optional(),
  /** The header's image, video or document, for a template with such a header. */
  headerMedia: HeaderMedia.optional(),
  /** The header's place, for a template with a LOCATION header. */
  headerLocation: Location.optional(),
});
export type TemplateSendRequest = z.input<typeof TemplateSendRequest>;

export const TicketSummary = z.object({
  id: z.string(),
  number: z.number().int(),
  subject: z.string(),
  status: z.enum(['open', 'pending', 'solved', 'closed']),
});
export type TicketSummary = z.infer<typeof TicketSummary>;

export const TemplateSendResponse = z.object({
  conversation: Conversation,
  message: Message,
  ticket: TicketSummary,
  serverTime: IsoDate,
});
export type TemplateSendResponse = z.infer<typeof TemplateSendResponse>;
