/**
 * The one list of IPC channels between the renderer and the desktop core, with the zod schema of
 * every payload. Main (Electron) and the web host both validate every incoming payload against
 * `invokeChannels[channel].input`, and the preload and the web bridge both build `window.api`
 * from this list with `buildDesktopApi`, so the two shells expose exactly the same API.
 *
 * Channel names are `feature:action`; `window.api.<feature>.<action>(input)` invokes them.
 * Every invoke resolves to a `Result` (never rejects for an expected failure), because Electron
 * strips custom properties from errors that cross IPC.
 */
import { z } from 'zod';
import { ERROR_CODES } from '../api/errors';
import {
  ContactList,
  ContactResponse,
  ConversationPage,
  ConversationResponse,
  ConversationState,
  ConversationView,
  MessageList,
  User,
} from '../api/schemas';
import { ServerEvent } from '../api/events';
import { HeaderMedia, TemplateCategory, TemplateList, TemplateSendResponse } from '../api/templates';
import { Location as PlaceSchema } from '../api/schemas';
import { Ticket, TicketPage, TicketPriority, TicketStatus } from '../api/tickets';
import { ConversationResponse as ConversationOut, SendTextResponse } from '../api/schemas';
import { ExpiringList } from '../api/supervisor';
import { ConsumptionGroupBy, ConsumptionReport } from '../api/consumption';
import { DesktopNotification, NavigateEvent } from './notifications';
import { AttachmentResponse, MAX_ATTACHMENT_BYTES } from '../api/attachments';
import { MediaId, UPLOAD_CHUNK_BYTES, UploadProgress } from './media';
import { Settings, SettingsView } from './settings';
import { inboxChannels } from './inbox';
import { pricingChannels } from './pricing';

// ---- shared payload schemas -------------------------------------------------------------------

export { Language, Settings, SettingsView, type SettingKey } from './settings';

export const AppError = z.object({
  code: z.enum(ERROR_CODES as [string, ...string[]]),
  /** English detail for logs and bug reports; the UI shows the translated text of `code`. */
  message: z.string(),
  status: z.number().int().optional(),
  fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  retryAt: z.string().nullable().optional(),
  /** CONVERSATION_ASSIGNED_TO_OTHER: who has the conversation, so the app can say so in the user's language. */
  assignee: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type AppError = z.infer<typeof AppError> & { code: import('../api/errors').ErrorCode };

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };

export const AppInfo = z.object({
  version: z.string(),
  platform: z.string(),
  host: z.enum(['electron', 'web']),
  /** BCP 47 tag of the operating system's (or browser's) preferred language. */
  systemLocale: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AuthStatus = z.discriminatedUnion('state', [
  /** `expired`: the stored session was refused (at start or later), so the login screen can say why. */
  z.object({ state: z.literal('signedOut'), reason: z.enum(['logout', 'expired']).optional() }),
  z.object({ state: z.literal('signedIn'), user: User, serverUrl: z.string() }),
]);
export type AuthStatus = z.infer<typeof AuthStatus>;

export const LoginInput = z.object({
  serverUrl: z.string().min(1).max(2048),
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const ConversationListInput = z.object({
  state: z.array(ConversationState).optional(),
  mine: z.boolean().optional(),
  /** An inbox view (shared/domain/inbox.ts viewsFor says which the role has). */
  view: ConversationView.optional(),
  q: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(500).optional(),
});
export type ConversationListInput = z.infer<typeof ConversationListInput>;

/** Ids go into URL paths (encodeURIComponent), which a lone UTF-16 surrogate cannot: refused here. */
const Id = z.string().min(1).max(100).regex(/^\P{Cs}*$/u, 'must not contain a lone UTF-16 surrogate');

// ---- renderer -> core (invoke) ----------------------------------------------------------------

const NoInput = z.undefined();

export const invokeChannels = {
  'app:info': { input: NoInput, output: AppInfo },
  'settings:get': { input: NoInput, output: SettingsView },
  /** Keys locked by IT policy are refused (SETTING_MANAGED); nothing else is changed then. */
  'settings:update': { input: Settings.partial().strict(), output: SettingsView },
  'auth:status': { input: NoInput, output: AuthStatus },
  /** Where the server event stream stands now (events tell of later changes). */
  'connection:status': { input: NoInput, output: z.lazy(() => ConnectionStatus) },
  'auth:login': { input: LoginInput, output: User },
  'auth:logout': { input: NoInput, output: z.null() },
  'conversations:list': { input: ConversationListInput, output: ConversationPage },
  'conversations:get': { input: z.object({ id: Id }), output: ConversationResponse },
  'messages:list': {
    input: z.object({
      conversationId: Id,
      before: Id.optional(),
      limit: z.number().int().min(1).max(200).optional(),
    }),
    output: MessageList,
  },
  'contacts:list': {
    input: z.object({ q: z.string().max(200).optional(), limit: z.number().int().min(1).max(100).optional() }),
    output: ContactList,
  },
  'contacts:get': { input: z.object({ id: Id }), output: ContactResponse },
  /** Text, one uploaded attachment (the text is its caption), or both. */
  'messages:send': {
    input: z
      .object({ conversationId: Id, text: z.string().trim().max(4096).optional(), attachmentId: MediaId.optional() })
      .refine((m) => !!m.text || !!m.attachmentId, { message: 'Write a text or attach a file.', path: ['text'] }),
    output: SendTextResponse,
  },
  /**
   * A file to send, in three steps so that no message is large on either transport: `begin`
   * (refused with ATTACHMENT_TOO_LARGE / ATTACHMENT_TYPE_NOT_ALLOWED before any byte moves),
   * `chunk` in order, then `finish`, which uploads it to the server (progress: `event:upload`).
   */
  'attachments:begin': {
    input: z.object({
      fileName: z.string().trim().min(1).max(255),
      mimeType: z.string().trim().min(1).max(255),
      size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
    }),
    output: z.object({ uploadId: z.string() }),
  },
  'attachments:chunk': {
    input: z.object({
      uploadId: z.string().uuid(),
      offset: z.number().int().nonnegative(),
      /** Base64 of at most UPLOAD_CHUNK_BYTES bytes. */
      data: z.base64().min(1).max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4),
    }),
    output: z.object({ received: z.number().int() }),
  },
  'attachments:finish': { input: z.object({ uploadId: z.string().uuid() }), output: AttachmentResponse },
  'attachments:cancel': { input: z.object({ uploadId: z.string().uuid() }), output: z.null() },
  /**
   * Electron only: opens an attachment with the computer's app for its type (written to the app's
   * temp folder under a cleaned name). Only types WhatsApp accepts: FILE_TYPE_NOT_OPENABLE
   * otherwise, FILE_OPEN_FAILED when the system could not. The web host links to the media URL.
   */
  'media:open': { input: z.object({ attachmentId: MediaId }), output: z.null() },
  'conversations:close': { input: z.object({ id: Id }), output: ConversationOut },
  'templates:list': {
    input: z.object({
      q: z.string().max(200).optional(),
      language: z.string().max(20).optional(),
      category: TemplateCategory.optional(),
      /** Administrators: also the templates that cannot be sent (paused, rejected...), to show why. */
      includeUnsendable: z.boolean().optional(),
    }),
    output: TemplateList,
  },
  /** `idempotencyKey` is made once per send by the renderer and reused for every retry of it. */
  'templates:send': {
    input: z.object({
      contactId: Id,
      templateId: Id,
      parameters: z.record(z.string().max(100), z.string().max(2000)),
      maxWaitMinutes: z.number().int(),
      ticketId: Id.optional(),
      /** The header's image, video or document (an https link or an uploaded attachment) or its place. */
      headerMedia: HeaderMedia.optional(),
      headerLocation: PlaceSchema.optional(),
      /** Sent as the Idempotency-Key header, so visible ASCII only (fetch refuses other header values). */
      idempotencyKey: z.string().min(8).max(200).regex(/^[\x21-\x7e]+$/, 'visible ASCII only'),
    }),
    output: TemplateSendResponse,
  },
  'tickets:get': { input: z.object({ id: Id }), output: Ticket },
  'tickets:list': {
    input: z.object({
      q: z.string().max(200).optional(),
      status: z.array(TicketStatus).optional(),
      assignee: z.string().max(100).optional(),
      contactId: Id.optional(),
      cursor: z.string().max(500).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    }),
    output: TicketPage,
  },
  'tickets:update': {
    input: z.object({ id: Id, status: TicketStatus.optional(), priority: TicketPriority.optional(), assigneeId: Id.nullable().optional() }),
    output: Ticket,
  },
  'consumption:report': {
    input: z.object({ groupBy: ConsumptionGroupBy, from: z.string().datetime({ offset: true }).optional(), to: z.string().datetime({ offset: true }).optional() }),
    output: ConsumptionReport,
  },
  'supervisor:expiring': { input: z.object({ withinMinutes: z.number().int().min(1).max(7 * 24 * 60) }), output: ExpiringList },
  /** The window was seen: the tray's unread count starts again from zero. */
  'notifications:seen': { input: NoInput, output: z.null() },
  'tickets:addNote': { input: z.object({ id: Id, text: z.string().trim().min(1).max(10_000) }), output: Ticket },
  /** What the signed-in user typed in a conversation and has not sent (kept by the core, never by the server). */
  'drafts:get': { input: z.object({ conversationId: Id }), output: z.object({ text: z.string() }) },
  /** Empty text forgets it (sent or erased). As long as a message may be. */
  'drafts:set': { input: z.object({ conversationId: Id, text: z.string().max(4096) }), output: z.null() },
  ...inboxChannels,
  ...pricingChannels,
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type InvokeInput<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.infer<(typeof invokeChannels)[C]['output']>;

// ---- core -> renderer (events) ----------------------------------------------------------------

export const ConnectionStatus = z.object({
  state: z.enum(['connecting', 'online', 'offline']),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const SessionEvent = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signedIn'), user: User }),
  z.object({ state: z.literal('signedOut'), reason: z.enum(['logout', 'expired']) }),
]);
export type SessionEvent = z.infer<typeof SessionEvent>;

export const eventChannels = {
  'event:server': ServerEvent,
  'event:connection': ConnectionStatus,
  'event:session': SessionEvent,
  /** The web host shows these as in-app toasts; Electron shows native notifications instead. */
  'event:notification': DesktopNotification,
  /** A notification was clicked: open this conversation. */
  'event:navigate': NavigateEvent,
  /** Bytes of an attachment upload sent on to the server so far. */
  'event:upload': UploadProgress,
} as const;

export type EventChannel = keyof typeof eventChannels;
export type EventPayload<C extends EventChannel> = z.infer<(typeof eventChannels)[C]>;

// ---- the window.api shape, derived from the lists above ---------------------------------------

type FeatureOf<C extends string> = C extends `${infer F}:${string}` ? F : never;
type ActionOf<C extends string, F extends string> = C extends `${F}:${infer A}` ? A : never;

type InvokeFn<C extends InvokeChannel> = undefined extends InvokeInput<C>
  ? InvokeInput<C> extends undefined
    ? () => Promise<Result<InvokeOutput<C>>>
    : (input?: InvokeInput<C>) => Promise<Result<InvokeOutput<C>>>
  : (input: InvokeInput<C>) => Promise<Result<InvokeOutput<C>>>;

export type DesktopApi = {
  [F in FeatureOf<InvokeChannel>]: {
    [A in ActionOf<InvokeChannel, F>]: `${F}:${A}` extends InvokeChannel ? InvokeFn<`${F}:${A}`> : never;
  };
} & {
  /** `window.api.on.server(listener)` etc.; each returns an unsubscribe function. */
  on: {
    [C in EventChannel as C extends `event:${infer N}` ? N : never]: (
      listener: (payload: EventPayload<C>) => void,
    ) => () => void;
  };
};

// window.api is built by shared/ipc/bridge.ts (no zod there: the preload bundles it).
export { buildDesktopApi, type InvokeTransport, type SubscribeTransport } from './bridge';

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(invokeChannels, value);
}
