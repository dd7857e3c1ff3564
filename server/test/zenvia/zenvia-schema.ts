/**
 * The request shapes of Zenvia's API v2 that the server uses, derived by hand from Zenvia's
 * published OpenAPI spec (whatsapp-protocol.md §2; the spec's `message.whatsapp`,
 * `content.text`, `content.file`, `content.bases.file`, `content.template`,
 * `subscription.partial-status.*`, and the `templates.*` query parameters) as strict zod schemas:
 * the fake Zenvia API checks every body the server sends against them, with the spec's required
 * fields, types and names; read-only properties (ids, timestamps, direction) must not be sent.
 */
import { z } from 'zod';

/** `fields` values (content.template, "Default" form): strings, numbers or booleans by variable name. */
const FieldValue = z.union([z.string(), z.number(), z.boolean()]);

/** content.text: `text` required (at least one character); `payload` is read-only. */
const TextContent = z.strictObject({ type: z.literal('text'), text: z.string().min(1) });

/** content.file (+ content.bases.file): `fileUrl` required; `status` and `reason` are read-only. */
const FileContent = z.strictObject({
  type: z.literal('file'),
  fileUrl: z.string().min(1),
  fileMimeType: z.string().optional(),
  fileName: z.string().optional(),
  fileCaption: z.string().optional(),
});

/** content.template: `templateId` required; `fields` keyed by variable name. */
const TemplateContent = z.strictObject({
  type: z.literal('template'),
  templateId: z.string().min(1),
  fields: z.record(z.string().min(1), FieldValue).optional(),
});

/** content.whatsapp.mt, the kinds the server sends (its discriminator is `type`). */
export const WhatsAppContent = z.discriminatedUnion('type', [TextContent, FileContent, TemplateContent]);

/** message.whatsapp (message.base): `from`, `to` (1–64 characters) and at least one content. */
export const WhatsAppMessage = z.strictObject({
  from: z.string().min(1).max(64),
  to: z.string().min(1).max(64),
  externalId: z.string().optional(),
  contents: z.array(WhatsAppContent).min(1),
  idRef: z.string().optional(),
  contentRef: z.number().optional(),
});

/** subscription.partial-status.webhook (`url` required; custom `headers`). */
const Webhook = z.strictObject({ url: z.string().min(1), headers: z.record(z.string(), z.string()).optional() });

const subscriptionBase = {
  webhook: Webhook,
  status: z.enum(['ACTIVE', 'INACTIVE']).optional(),
  version: z.enum(['v1', 'v2']).optional(),
};

/** subscription.partial-status.all for the two event types we register (its discriminator is `eventType`). */
export const SubscriptionRequest = z.discriminatedUnion('eventType', [
  z.strictObject({
    ...subscriptionBase,
    eventType: z.literal('MESSAGE'),
    criteria: z.strictObject({ channel: z.string().min(1), direction: z.enum(['IN', 'OUT', 'ALL']).optional() }),
  }),
  z.strictObject({
    ...subscriptionBase,
    eventType: z.literal('MESSAGE_STATUS'),
    criteria: z.strictObject({ channel: z.string().min(1), direction: z.enum(['IN', 'OUT', 'ALL']).optional() }),
  }),
]);

/** The query of `GET /templates` (templates.channel, senderId, category, status, page, size). */
export const TemplateListQuery = z.strictObject({
  channel: z.enum(['WHATSAPP', 'SMS', 'RCS', 'EMAIL', 'FACEBOOK']).optional(),
  senderId: z.string().min(1).optional(),
  category: z.string().optional(),
  status: z.enum(['WAITING_REVIEW', 'REJECTED', 'WAITING_APPROVAL', 'APPROVED', 'PAUSED', 'DISABLED']).optional(),
  page: z.string().regex(/^\d+$/).optional(),
  size: z.string().regex(/^\d+$/).optional(),
});

/** Zenvia's error.base with its details (error.errors), as the fake answers it. */
export const errorBody = (code: string, message: string, details: { code: string; path?: string; message: string }[] = []) => ({ code, message, details });
