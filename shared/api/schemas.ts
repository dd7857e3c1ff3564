/**
 * The server API contract (`/api/v1`), as zod schemas. The server validates what it receives and
 * the desktop core validates what it gets back with these same schemas. Timestamps are ISO 8601
 * strings in UTC; ids are opaque strings.
 */
import { z } from 'zod';
import { Attachment } from './attachments';
import { SERVER_ERROR_CODES } from './errors';

export const IsoDate = z.string().datetime({ offset: true });

// ---- input bounds (issue 13): nothing reaches SQL that the database would refuse ---------------

const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A query filter (search text, language, a name): refused when it holds NUL, which PostgreSQL text cannot. */
export const QueryText = (max: number) =>
  z.string().max(max).refine((s) => !s.includes(NUL), { message: 'must not contain a NUL character (U+0000)' });

/**
 * Text a person typed (a message, a note, a template value): kept as typed minus what PostgreSQL
 * cannot store, as WhatsApp text is (NUL removed, a lone UTF-16 surrogate replaced with U+FFFD).
 */
export const cleanTypedText = (text: string) => text.replace(LONE_SURROGATE, '\uFFFD').replaceAll(NUL, '');
export const TypedText = () => z.string().overwrite(cleanTypedText);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** One of our ids (a UUID, any version). */
export const Uuid = z.string().regex(UUID, { message: 'must be an id (a UUID)' });

/** Earliest and latest instants a date filter may name (the database keeps far more; nothing useful lies outside). */
export const DATE_BOUNDS = { min: Date.UTC(1970, 0, 1), max: Date.UTC(10000, 0, 1) - 1 } as const;
export const withinDateBounds = (value: string) => {
  const t = Date.parse(value);
  return t >= DATE_BOUNDS.min && t <= DATE_BOUNDS.max;
};
/** A date-time filter or cursor time: ISO 8601 with an offset, between 1970 and 9999. */
export const BoundedIsoDate = IsoDate.refine(withinDateBounds, { message: 'must be a date between 1970 and 9999' });

export const Role = z.enum(['administrator', 'operator', 'agent', 'supervisor']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
});
export type User = z.infer<typeof User>;

// ---- auth -------------------------------------------------------------------------------------

export const LoginRequest = z.object({
  email: z.string().trim().email().max(320),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(512) });
export const LogoutRequest = z.object({ refreshToken: z.string().min(1).max(512) });

/** `expiresIn` is the access token's lifetime in seconds. */
export const TokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int().positive(),
  user: User,
});
export type TokenPair = z.infer<typeof TokenPair>;

// ---- problem+json -----------------------------------------------------------------------------

export const Problem = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().int(),
  code: z.enum(SERVER_ERROR_CODES),
  detail: z.string().optional(),
  /** Field errors for VALIDATION_FAILED / TEMPLATE_PARAMETERS_INVALID. */
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** For refusals that end at a known time (e.g. CONTACT_HAS_OPEN_SESSION). */
  retryAt: IsoDate.nullable().optional(),
  /** CONVERSATION_ASSIGNED_TO_OTHER: who has the conversation. */
  assignee: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type Problem = z.infer<typeof Problem>;

// ---- contacts and their WhatsApp session ------------------------------------------------------

export const SessionState = z.enum(['none', 'bot', 'waiting', 'open', 'closed']);
export type SessionState = z.infer<typeof SessionState>;

export const BlockedReason = z.enum([
  'CONTACT_HAS_OPEN_SESSION',
  'CONTACT_IN_CHATBOT',
  'CHANNEL_NOT_WHATSAPP',
  'ROLE_NOT_ALLOWED',
]);
export type BlockedReason = z.infer<typeof BlockedReason>;

export const ContactSession = z.object({
  state: SessionState,
  conversationId: z.string().nullable().optional(),
  windowExpiresAt: IsoDate.nullable().optional(),
  autoCloseAt: IsoDate.nullable().optional(),
  /** Whether the user who asked may send a template to this contact now. */
  canSendTemplate: z.boolean(),
  blockedReason: BlockedReason.nullable().optional(),
  /** When the block ends by itself (window expiry or auto-close); null when it does not. */
  blockedUntil: IsoDate.nullable().optional(),
  /** Who holds the open session, when someone does. */
  assignee: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
});
export type ContactSession = z.infer<typeof ContactSession>;

export const Contact = z.object({
  id: z.string(),
  name: z.string(),
  /** E.164 phone (`+5511999990001`), null when the contact is not on WhatsApp. */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** Whether the contact is reachable on the WhatsApp channel. */
  whatsapp: z.boolean(),
  /** When the customer stopped marketing messages in WhatsApp (null: they receive them). */
  marketingOptOutAt: IsoDate.nullable().optional(),
  session: ContactSession,
});
export type Contact = z.infer<typeof Contact>;

export const ContactSummary = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

// ---- conversations and messages ---------------------------------------------------------------

export const ConversationState = z.enum(['bot', 'waiting', 'open', 'closed']);
export type ConversationState = z.infer<typeof ConversationState>;

export const ClosedReason = z.enum(['agent', 'no_reply', 'window_expired']);
export type ClosedReason = z.infer<typeof ClosedReason>;

export const MessageDirection = z.enum(['inbound', 'outbound']);
/**
 * `media`: an attachment (its caption is the text); `location`, `contacts`, `interactive` (button,
 * list and flow replies), `order`: structured content in the field of that name; `system`: WhatsApp
 * itself (e.g. the customer changed number). The text is always a readable summary.
 */
export const MessageKind = z.enum(['text', 'template', 'media', 'location', 'contacts', 'interactive', 'order', 'system']);
export type MessageKind = z.infer<typeof MessageKind>;
/** `received` is the status of every inbound message. */
export const MessageStatus = z.enum(['pending', 'sent', 'delivered', 'read', 'failed', 'received']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const MessagePreview = z.object({
  text: z.string(),
  direction: MessageDirection,
  kind: MessageKind,
  createdAt: IsoDate,
});

export const Conversation = z.object({
  id: z.string(),
  contactId: z.string(),
  ticketId: z.string().nullable(),
  channel: z.literal('whatsapp'),
  state: ConversationState,
  assigneeId: z.string().nullable(),
  windowExpiresAt: IsoDate.nullable(),
  autoCloseAt: IsoDate.nullable(),
  closedReason: ClosedReason.nullable().optional(),
  closedAt: IsoDate.nullable().optional(),
  lastMessageAt: IsoDate.nullable(),
  createdAt: IsoDate,
  /** Extensions for list screens, so the inbox needs no second request per row. */
  contact: ContactSummary,
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  lastMessage: MessagePreview.nullable(),
  /**
   * Customer messages the caller has not read (after their last POST /conversations/:id/read), in
   * GET /conversations and GET /conversations/:id only: events are shared by every user, so they
   * do not carry it (the app counts inbound message.created events until it refetches).
   */
  unreadCount: z.number().int().min(0).optional(),
});
export type Conversation = z.infer<typeof Conversation>;

/**
 * Inbox views. `mine`: the caller's open and waiting conversations; `unassigned`: open ones nobody
 * has taken; `waiting`: sessions waiting for the customer's reply (an agent's own, everyone's for
 * the other roles); `all` (supervisors, operators, administrators): one row per contact, its
 * latest conversation.
 */
export const ConversationView = z.enum(['mine', 'unassigned', 'waiting', 'all']);
export type ConversationView = z.infer<typeof ConversationView>;

/** A change of assignee, as a system message on the chat timeline. `assignee` null: unassigned. */
export const AssignmentChange = z.object({
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  by: z.object({ id: z.string(), name: z.string() }),
});
export type AssignmentChange = z.infer<typeof AssignmentChange>;

export const Location = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  name: z.string().max(1000).optional(),
  address: z.string().max(1000).optional(),
});
export type Location = z.infer<typeof Location>;

export const Reaction = z.object({ emoji: z.string(), direction: MessageDirection, at: IsoDate });
export type Reaction = z.infer<typeof Reaction>;

export const ContactCard = z.object({ name: z.string(), phones: z.array(z.string()), emails: z.array(z.string()).optional() });
export type ContactCard = z.infer<typeof ContactCard>;

/** A reply to buttons, a list or a flow: what was chosen, and a flow's answers as question/answer pairs. */
export const InteractiveReply = z.object({
  title: z.string().optional(),
  id: z.string().optional(),
  answers: z.array(z.object({ question: z.string(), answer: z.string() })).optional(),
});
export type InteractiveReply = z.infer<typeof InteractiveReply>;

export const Order = z.object({
  catalogId: z.string().optional(),
  note: z.string().optional(),
  items: z.array(z.object({ productId: z.string(), quantity: z.number(), price: z.number().optional(), currency: z.string().optional() })),
  /** Sum of quantity × price when every item has both and one currency. */
  total: z.object({ amount: z.number(), currency: z.string() }).optional(),
});
export type Order = z.infer<typeof Order>;

export const Message = z.object({
  id: z.string(),
  conversationId: z.string(),
  direction: MessageDirection,
  kind: MessageKind,
  template: z.object({ name: z.string(), language: z.string() }).nullable().optional(),
  /** The text, a caption, or a readable summary of structured content. */
  text: z.string(),
  status: MessageStatus,
  /** `title` and `details` are WhatsApp's own words for the failure, when it gave them. */
  error: z.object({ code: z.string(), message: z.string(), title: z.string().optional(), details: z.string().optional() }).nullable().optional(),
  author: z.object({ id: z.string(), name: z.string() }).nullable().optional(),
  createdAt: IsoDate,
  attachments: z.array(Attachment).default([]),
  /** Reactions on this message, at most one per side (a new one replaces the old). */
  reactions: z.array(Reaction).default([]),
  /** The message this one answers (WhatsApp's reply context), when it is one we have. */
  replyToId: z.string().nullable().optional(),
  editedAt: IsoDate.nullable().optional(),
  location: Location.nullable().optional(),
  contacts: z.array(ContactCard).nullable().optional(),
  interactive: InteractiveReply.nullable().optional(),
  order: Order.nullable().optional(),
  /** kind `system`: who took, was given or left the conversation (not sent to WhatsApp). */
  assignment: AssignmentChange.nullable().optional(),
});
export type Message = z.infer<typeof Message>;

// ---- requests and responses -------------------------------------------------------------------

const BoolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ConversationListQuery = z.object({
  /** One state or a comma-separated list, e.g. `open,waiting`. */
  state: z
    .string()
    .regex(/^(bot|waiting|open|closed)(,(bot|waiting|open|closed))*$/)
    .optional(),
  mine: BoolParam.optional(),
  /** An inbox view; combined with `q` (and `state`, which narrows it). */
  view: ConversationView.optional(),
  q: QueryText(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: QueryText(500).optional(),
});
export type ConversationListQuery = z.input<typeof ConversationListQuery>;

export const ConversationPage = z.object({
  items: z.array(Conversation),
  nextCursor: z.string().nullable(),
  serverTime: IsoDate,
});
export type ConversationPage = z.infer<typeof ConversationPage>;

/** `GET /conversations/:id`: the conversation itself plus `serverTime`. */
export const ConversationResponse = Conversation.extend({ serverTime: IsoDate });
export type ConversationResponse = z.infer<typeof ConversationResponse>;

export const MessageListQuery = z.object({
  /** A message id: returns messages older than that one. */
  before: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type MessageListQuery = z.input<typeof MessageListQuery>;

export const MessageList = z.object({ items: z.array(Message), serverTime: IsoDate });
export type MessageList = z.infer<typeof MessageList>;

/** Free text, one attachment (the text is its caption), or both; inside the window only. */
export const SendTextRequest = z
  .object({ text: TypedText().trim().max(4096).optional(), attachmentId: QueryText(100).min(1).optional() })
  .refine((r) => !!r.text || !!r.attachmentId, { message: 'Write a text or attach a file.', path: ['text'] });
export const SendTextResponse = z.object({
  message: Message,
  conversation: Conversation,
  serverTime: IsoDate,
});
export type SendTextResponse = z.infer<typeof SendTextResponse>;

export const ContactListQuery = z.object({
  q: QueryText(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
export type ContactListQuery = z.input<typeof ContactListQuery>;

export const ContactList = z.object({ items: z.array(Contact), serverTime: IsoDate });
export type ContactList = z.infer<typeof ContactList>;

export const ContactResponse = Contact.extend({ serverTime: IsoDate });
export type ContactResponse = z.infer<typeof ContactResponse>;

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['ok', 'unreachable']),
  serverTime: IsoDate,
});

// ---- sandbox ----------------------------------------------------------------------------------

export const SandboxCustomerMessage = z
  .object({
    /** The customer's phone in E.164, e.g. `+5511999990001`. */
    from: z.string().regex(/^\+[1-9]\d{6,14}$/),
    text: TypedText().trim().max(4096).optional(),
    /** A file uploaded with POST /attachments, sent as if the customer had sent it (the text is its caption). */
    attachmentId: QueryText(100).min(1).optional(),
    /** As if written from a Click-to-WhatsApp ad or a Page button (a free entry point, issue 20). */
    entryPoint: z.boolean().optional(),
  })
  .refine((r) => !!r.text || !!r.attachmentId, { message: 'A customer message needs a text or an attachment.', path: ['text'] });
export const SandboxClockAdvance = z.object({
  advanceSeconds: z.number().int().min(1).max(60 * 60 * 24 * 30),
});
/** Sandbox only: what WhatsApp would report for an outbound message (delivered, read, failed with a reason). */
export const SandboxMessageStatus = z.object({
  messageId: QueryText(100).min(1),
  status: z.enum(['sent', 'delivered', 'read', 'failed']),
  error: z.object({ code: TypedText().min(1).max(50), message: TypedText().min(1).max(500) }).optional(),
});
export const SandboxClockResponse = z.object({ serverTime: IsoDate });
