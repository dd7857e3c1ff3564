/**
 * The WhatsApp providers behind one small interface (architecture.md: send template, send text,
 * sync templates, parse webhook). The rest of the server sees `WhatsAppProvider`; the network side
 * of a real provider is a `WhatsAppTransport` that its outbox, inbox and template sync drive.
 */
import type { FastifyInstance } from 'fastify';
import type { AttachmentType } from '../../../shared/api/attachments';
import type { Location } from '../../../shared/api/schemas';
import type { Template, TemplateComponent } from '../../../shared/api/templates';
import type { DeliveryErrorCode } from '../../../shared/api/errors';
import type { ConversationService, OutboundDelivery } from '../domain/conversations';
import type { InboundContent } from '../domain/ingest';
import { silentLog, type ServerLog } from '../log';

export type ProviderName = 'sandbox' | 'meta' | 'zenvia';

/** Where providers report what happens in the background; never given secrets or message bodies. */
export type ProviderLog = ServerLog;
export { silentLog };

export interface WhatsAppProvider {
  readonly name: ProviderName;
  /** How stored outbound messages reach WhatsApp (ConversationService's hook). */
  readonly delivery: OutboundDelivery;
  /** Starts background work (first template sync, timers); `conversations` applies what arrives. */
  start(services: { conversations: ConversationService }): Promise<void>;
  /** Reads every template of the account into the database; returns how many were read. */
  syncTemplates(): Promise<number>;
  /** Does all due background work now: sends, retries, webhook items (tests, timers). */
  runPending(): Promise<void>;
  /** Starts due background work without waiting for it (new work arrived). */
  kick(): void;
  /** The provider's own routes outside /api/v1 (webhooks); no bearer token there. */
  routes(app: FastifyInstance): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Why a message was not delivered: a stable code (translated as `error.<code>`) and English text,
 * with the provider's own words when it gave them (Zenvia's error message and details), shown to the agent.
 */
export interface DeliveryFailure {
  code: DeliveryErrorCode;
  message: string;
  title?: string;
  details?: string;
}

export type SendOutcome =
  | { ok: true; providerMessageId: string; waId?: string }
  | {
      ok: false;
      failure: DeliveryFailure;
      /** Worth another attempt later (rate limits, outages); false means final. */
      retry: boolean;
      /** Wait at least this long before the next attempt. */
      retryAfterMs?: number;
      /** The request may have reached WhatsApp (no answer came back): look for proof before resending. */
      maybeSent?: boolean;
      /** The template turned out paused or disabled: stop offering it at once. */
      templateStatus?: 'PAUSED' | 'DISABLED';
    };

/** Media as Graph takes it (whatsapp-protocol.md §1.8): a public https link, or an id uploaded to WhatsApp. */
export type GraphMedia = { link: string } | { id: string };

export interface TemplateSendInput {
  /** E.164 with `+`, or the contact's `wa_id`. */
  to: string;
  template: Template;
  parameters: Readonly<Record<string, string>>;
  /** The header's image, video or document, for templates with such a header. */
  headerMedia?: GraphMedia;
  /** The header's place, for templates with a LOCATION header. */
  headerLocation?: Location;
  /** Echoed back by the provider in delivery reports (our message id). */
  correlationId: string;
}

export interface TextSendInput {
  to: string;
  /** The text, or the media's caption (may be empty then). */
  text: string;
  /** A file sent as media, already uploaded to WhatsApp; `fileName` is shown for documents. */
  media?: { type: AttachmentType; id: string; fileName?: string | null };
  correlationId: string;
}

/** A template as the provider lists it, already in our shape. */
export interface ProviderTemplate {
  providerId: string;
  name: string;
  language: string;
  category: Template['category'];
  /** Meta's own category word when it is not one of ours (legacy `SHIPPING_UPDATE`...). */
  providerCategory?: string | null;
  status: Template['status'];
  statusReason: string | null;
  quality?: Template['quality'];
  parameterFormat: Template['parameterFormat'];
  components: TemplateComponent[];
  examples: Record<string, string>;
}

/** A customer message's content as a webhook gives it: media not fetched yet has no id of ours. */
export type WebhookContent = Omit<InboundContent, 'attachment'> & { attachment?: Omit<NonNullable<InboundContent['attachment']>, 'id'> };

/** One thing a webhook reports, applied once (by `dedupeKey`). */
export type WebhookItem =
  | {
      kind: 'message';
      dedupeKey: string;
      providerMessageId: string;
      from: string;
      profileName?: string;
      text: string;
      /** Unix milliseconds, when the provider gave a usable time. */
      at?: number;
      /** Beyond plain text: media to fetch, structured content, the message answered. */
      content?: WebhookContent;
      /** The customer wrote from a free entry point (a Click-to-WhatsApp ad, a Page button: Meta's `referral`). */
      entryPoint?: boolean;
    }
  | {
      /** The customer reacted to one of the conversation's messages ('' removes the reaction). */
      kind: 'reaction';
      dedupeKey: string;
      from: string;
      targetProviderId: string;
      emoji: string;
      at?: number;
    }
  | {
      /** The customer edited a message they sent: its text (and content) change. */
      kind: 'edit';
      dedupeKey: string;
      from: string;
      targetProviderId: string;
      text: string;
      content?: WebhookContent;
      at?: number;
    }
  | {
      /** The customer changed their WhatsApp number: the contact moves to the new one. */
      kind: 'number_change';
      dedupeKey: string;
      from: string;
      newWaId: string;
      text: string;
      at?: number;
    }
  | {
      /** The customer stopped or resumed marketing messages from this business. */
      kind: 'marketing_preference';
      dedupeKey: string;
      waId: string;
      optedOut: boolean;
      at?: number;
    }
  | {
      kind: 'status';
      dedupeKey: string;
      providerMessageId: string;
      status: 'sent' | 'delivered' | 'read' | 'failed';
      correlationId?: string;
      recipient?: string;
      errorCode?: number;
      errorDetails?: string;
      /** WhatsApp's own title of the failure (e.g. "Re-engagement message"). */
      errorTitle?: string;
      /** Meta's `pricing` (type and category) of the message, when the status carries it. */
      pricing?: { type: string; category: string };
    }
  | {
      kind: 'template_status';
      dedupeKey: string;
      providerTemplateId: string;
      name?: string;
      language?: string;
      event: string;
      reason?: string;
    }
  | {
      /** A template's category, quality or content changed (template-webhook.ts); applied at once. */
      kind: 'template_update';
      dedupeKey: string;
      providerTemplateId: string;
      name?: string;
      language?: string;
      category?: { category: Template['category']; providerCategory: string | null };
      quality?: NonNullable<Template['quality']>;
      /** The components the webhook names (header text, body, footer, buttons), replacing those of the same type; a full sync settles the rest. */
      components?: TemplateComponent[];
    };

export interface WhatsAppTransport {
  sendTemplate(send: TemplateSendInput): Promise<SendOutcome>;
  sendText(send: TextSendInput): Promise<SendOutcome>;
  /** Every template of the account, all pages. */
  listTemplates(): Promise<ProviderTemplate[]>;
  /** One template by the provider's id; null if the provider does not know it. */
  getTemplate(providerId: string): Promise<ProviderTemplate | null>;
  /** A verified webhook body, already parsed, as items; unknown content is left out. */
  parseWebhook(payload: unknown): WebhookItem[];
}
