/**
 * Message templates and template sends (`GET /templates`, `POST /template-sends`). Component
 * definitions follow Meta's shape (uppercase types); `parameterFormat` says whether placeholders
 * are positional (`{{1}}`) or named (`{{first_name}}`).
 */
import { z } from 'zod';
import { Conversation, IsoDate, Message } from './schemas';

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

export const TemplateButton = z.object({
  type: z.enum(['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW', 'OTP']),
  text: z.string(),
  url: z.string().optional(),
  phoneNumber: z.string().optional(),
});

export const TemplateComponent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('HEADER'),
    format: z.enum(['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION']),
    text: z.string().optional(),
  }),
  z.object({ type: z.literal('BODY'), text: z.string() }),
  z.object({ type: z.literal('FOOTER'), text: z.string() }),
  z.object({ type: z.literal('BUTTONS'), buttons: z.array(TemplateButton) }),
]);
export type TemplateComponent = z.infer<typeof TemplateComponent>;

export const Template = z.object({
  id: z.string(),
  name: z.string(),
  /** Meta's language code, e.g. `pt_BR`, `es`, `en_US`. */
  language: z.string(),
  category: TemplateCategory,
  status: TemplateStatus,
  parameterFormat: z.enum(['POSITIONAL', 'NAMED']),
  components: z.array(TemplateComponent),
  /** Example values per parameter key (see shared/domain/template-params.ts), for previews. */
  examples: z.record(z.string(), z.string()).optional(),
  /** Why Meta rejected, paused or disabled it, when known. */
  statusReason: z.string().nullable().optional(),
  updatedAt: IsoDate.optional(),
});
export type Template = z.infer<typeof Template>;

export const TemplateListQuery = z.object({
  q: z.string().max(200).optional(),
  language: z.string().max(20).optional(),
  category: TemplateCategory.optional(),
  /** One status or `ALL` (administrators only); default APPROVED. */
  status: z.union([TemplateStatus, z.literal('ALL')]).optional(),
});
export type TemplateListQuery = z.infer<typeof TemplateListQuery>;

export const TemplateList = z.object({ items: z.array(Template), serverTime: IsoDate });
export type TemplateList = z.infer<typeof TemplateList>;

/** Bounds of the maximum waiting time for a reply, in minutes (1 minute to 7 days). */
export const MAX_WAIT_MINUTES = { min: 1, max: 7 * 24 * 60, default: 24 * 60 } as const;

export const TemplateSendRequest = z.object({
  contactId: z.string().min(1).max(100),
  templateId: z.string().min(1).max(100),
  /** Values by parameter key: body placeholders by their name (`1`, `first_name`), header ones
   * as `header.<name>`, URL-button suffixes as `button.<index>`. */
  parameters: z.record(z.string().max(100), z.string().max(2000)).default({}),
  maxWaitMinutes: z.number().int(),
  ticketId: z.string().min(1).max(100).optional(),
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
