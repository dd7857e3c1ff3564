/**
 * Meta's published shape of a template message body (`POST /{phone-number-id}/messages`,
 * whatsapp-protocol.md §1.2 and §1.8; Meta's OpenAPI `TemplateObject`, `TemplateComponent`,
 * `ParameterObject`), as a strict zod schema: every template body the server sends in tests is
 * checked against it (the fake Graph API refuses what does not match, as Graph answers #100).
 */
import { z } from 'zod';
import { publishedSchemaProblems } from './meta-schema';

const TextParameter = z.strictObject({
  type: z.literal('text'),
  text: z.string().min(1),
  /** Named templates only: lowercase letters, digits and underscores. */
  parameter_name: z.string().regex(/^[a-z_][a-z0-9_]*$/).optional(),
});
const CurrencyParameter = z.strictObject({
  type: z.literal('currency'),
  currency: z.strictObject({ fallback_value: z.string(), code: z.string().length(3), amount_1000: z.number().int() }),
  parameter_name: z.string().optional(),
});
const DateTimeParameter = z.strictObject({
  type: z.literal('date_time'),
  date_time: z.strictObject({ fallback_value: z.string() }),
  parameter_name: z.string().optional(),
});

/** A media object: an uploaded id or a public https link, never both. */
const Media = z.union([
  z.strictObject({ id: z.string().min(1) }),
  z.strictObject({ link: z.url({ protocol: /^https$/ }) }),
]);
const MediaParameter = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('image'), image: Media }),
  z.strictObject({ type: z.literal('video'), video: Media }),
  z.strictObject({ type: z.literal('document'), document: Media }),
]);
const LocationParameter = z.strictObject({
  type: z.literal('location'),
  location: z.strictObject({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().optional(),
    address: z.string().optional(),
  }),
});

const Index = z.string().regex(/^[0-9]$/);

const Component = z.union([
  z.strictObject({
    type: z.literal('header'),
    parameters: z.union([z.array(TextParameter).length(1), z.tuple([MediaParameter]), z.tuple([LocationParameter])]),
  }),
  z.strictObject({ type: z.literal('body'), parameters: z.array(z.union([TextParameter, CurrencyParameter, DateTimeParameter])).min(1) }),
  z.strictObject({ type: z.literal('button'), sub_type: z.literal('url'), index: Index, parameters: z.tuple([TextParameter]) }),
  z.strictObject({
    type: z.literal('button'),
    sub_type: z.literal('quick_reply'),
    index: Index,
    parameters: z.tuple([z.strictObject({ type: z.literal('payload'), payload: z.string().min(1) })]),
  }),
  z.strictObject({
    type: z.literal('button'),
    sub_type: z.literal('copy_code'),
    index: Index,
    parameters: z.tuple([z.strictObject({ type: z.literal('coupon_code'), coupon_code: z.string().min(1).max(15) })]),
  }),
]);

export const GraphTemplateMessage = z.strictObject({
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.enum(['individual', 'group']).optional(),
  to: z.string().min(1),
  type: z.literal('template'),
  biz_opaque_callback_data: z.string().max(512).optional(),
  template: z.strictObject({
    name: z.string().min(1).max(512),
    language: z.strictObject({ code: z.string().min(2), policy: z.literal('deterministic').optional() }),
    components: z.array(Component).min(1).optional(),
  }),
});

const envelope = {
  messaging_product: z.literal('whatsapp'),
  recipient_type: z.enum(['individual', 'group']).optional(),
  to: z.string().min(1),
  biz_opaque_callback_data: z.string().max(512).optional(),
};

/** Free text (`TextObject`): a body of at most 4,096 characters. */
export const GraphTextMessage = z.strictObject({
  ...envelope,
  type: z.literal('text'),
  text: z.strictObject({ body: z.string().min(1).max(4096), preview_url: z.boolean().optional() }),
});

/** A media object of a media message: caption only for image, video and document; filename only for documents. */
const mediaObject = (options: { caption: boolean; filename: boolean }) => {
  const extra = {
    ...(options.caption ? { caption: z.string().max(1024).optional() } : {}),
    ...(options.filename ? { filename: z.string().min(1).max(255).optional() } : {}),
  };
  return z.union([z.strictObject({ id: z.string().min(1), ...extra }), z.strictObject({ link: z.url({ protocol: /^https$/ }), ...extra })]);
};

/** Media messages (`MediaObject`, whatsapp-protocol.md §1.8). */
export const GraphMediaMessage = z.discriminatedUnion('type', [
  z.strictObject({ ...envelope, type: z.literal('image'), image: mediaObject({ caption: true, filename: false }) }),
  z.strictObject({ ...envelope, type: z.literal('video'), video: mediaObject({ caption: true, filename: false }) }),
  z.strictObject({ ...envelope, type: z.literal('document'), document: mediaObject({ caption: true, filename: true }) }),
  z.strictObject({ ...envelope, type: z.literal('audio'), audio: mediaObject({ caption: false, filename: false }) }),
  z.strictObject({ ...envelope, type: z.literal('sticker'), sticker: mediaObject({ caption: false, filename: false }) }),
]);

/** Throws with Meta-style detail when a body is not a valid template message. */
export function assertTemplateMessage(body: unknown): void {
  const published = publishedSchemaProblems(body);
  if (published) throw new Error(`not a valid message by Meta's published schema: ${published}`);
  const result = GraphTemplateMessage.safeParse(body);
  if (!result.success) throw new Error(`not a valid Graph template message: ${z.prettifyError(result.error)}`);
}

/** A whole template send body around the given components (as the transport builds it). */
export const templateMessage = (name: string, language: string, components: unknown[]) => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to: '+5511999990001',
  type: 'template',
  biz_opaque_callback_data: '00000000-0000-4000-8000-000000000000',
  template: { name, language: { code: language }, ...(components.length ? { components } : {}) },
});
