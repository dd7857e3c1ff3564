/**
 * The Zenvia API v2 side of the provider (whatsapp-protocol.md §2): sends to
 * `POST /v2/channels/whatsapp/messages`, template listing from every page of `GET /v2/templates`,
 * and webhook parsing. Every request body is built as Zenvia's OpenAPI spec shapes it
 * (`message.whatsapp` with `content.text`, `content.file` and `content.template`).
 */
import { takesCaption } from '../../../../shared/api/attachments';
import type { Template } from '../../../../shared/api/templates';
import { headerNeed, resolveParameters, templateParameters } from '../../../../shared/domain/template-params';
import type { Clock } from '../../clock';
import type { GraphMedia, ProviderTemplate, SendOutcome, TemplateSendInput, TextSendInput, WebhookItem, WhatsAppTransport } from '../types';
import { ZenviaClient, ZenviaError, type ZenviaClientOptions } from './client';
import type { ZenviaConfig } from './config';
import { sendOutcomeOf } from './errors';
import type { FileLinks } from './file-links';
import { fieldOf, fromZenviaTemplate, MEDIA_FIELD } from './template-map';
import { webhookItems } from './webhook';

/** Zenvia's default page size; it may answer with fewer per page (x-page-size). */
const PAGE_SIZE = 500;
const MAX_PAGES = 500;

type Content =
  | { type: 'text'; text: string }
  | { type: 'file'; fileUrl: string; fileMimeType?: string; fileName?: string; fileCaption?: string }
  | { type: 'template'; templateId: string; fields?: Record<string, string> };

interface SendResponse {
  id?: unknown;
}

/**
 * `fields` of a template send, keyed by Zenvia's variable names: header and body placeholders by
 * their name, a URL button's variable, `token` (authentication) and `code` (coupon), and the
 * header's media link as `imageUrl` / `videoUrl` / `documentUrl`.
 */
export function templateFields(template: Pick<Template, 'components' | 'category' | 'examples'>, values: Readonly<Record<string, string>>, headerUrl?: string): Record<string, string> {
  const resolved = resolveParameters(template, values);
  const fields: Record<string, string> = {};
  // Header first: a variable used in the header and the body is one field, and the body's value is the one sent.
  for (const p of templateParameters(template)) {
    const field = fieldOf(template, p.key);
    const value = resolved[p.key];
    if (field && value !== undefined && value.trim() !== '') fields[field] = value;
  }
  const need = headerNeed(template);
  if (need?.kind === 'media' && headerUrl) fields[MEDIA_FIELD[need.format]] = headerUrl;
  return fields;
}

export class ZenviaTransport implements WhatsAppTransport {
  readonly client: ZenviaClient;

  constructor(
    private readonly config: ZenviaConfig,
    private readonly links: FileLinks,
    private readonly clock: Clock,
    /** What the transport reads from the database: Zenvia's id of one of our templates (sends name it by `templateId`), an attachment's file name. */
    private readonly lookup: { templateId(templateId: string): Promise<string | null>; fileName(attachmentId: string): Promise<string | null> },
    options: ZenviaClientOptions = {},
  ) {
    this.client = new ZenviaClient(config, options);
  }

  /** A media object as the outbox gives it: a public link as it is, an attachment of ours (by id) as a signed link. */
  private async mediaUrl(media: GraphMedia): Promise<string> {
    return 'link' in media ? media.link : this.links.link(media.id, await this.lookup.fileName(media.id), this.clock.now());
  }

  async sendTemplate(send: TemplateSendInput): Promise<SendOutcome> {
    const templateId = await this.lookup.templateId(send.template.id);
    if (!templateId) {
      const message = `Template ${send.template.name} (${send.template.language}) has no Zenvia id: it was not synced from Zenvia.`;
      return { ok: false, retry: false, failure: { code: 'WHATSAPP_TEMPLATE_PROBLEM', message } };
    }
    const headerUrl = send.headerMedia ? await this.mediaUrl(send.headerMedia) : undefined;
    const fields = templateFields(send.template, send.parameters, headerUrl);
    return this.send(send.to, send.correlationId, 'template', { type: 'template', templateId, ...(Object.keys(fields).length ? { fields } : {}) });
  }

  async sendText(send: TextSendInput): Promise<SendOutcome> {
    if (send.media) {
      const { type, id, fileName } = send.media;
      return this.send(send.to, send.correlationId, 'message', {
        type: 'file',
        fileUrl: this.links.link(id, fileName ?? null, this.clock.now()),
        ...(fileName && type === 'document' ? { fileName } : {}),
        ...(send.text && takesCaption(type) ? { fileCaption: send.text } : {}),
      });
    }
    return this.send(send.to, send.correlationId, 'message', { type: 'text', text: send.text });
  }

  private async send(to: string, correlationId: string, kind: 'template' | 'message', content: Content): Promise<SendOutcome> {
    try {
      const { body } = await this.client.post<SendResponse>('channels/whatsapp/messages', {
        from: this.config.senderId,
        to: to.replace(/\D/g, ''),
        externalId: correlationId,
        contents: [content],
      });
      if (typeof body?.id !== 'string' || !body.id) {
        // Accepted without an id to follow: it may have gone out, so never resend blindly.
        return { ok: false, retry: true, maybeSent: true, failure: { code: 'WHATSAPP_SEND_FAILED', message: 'Zenvia accepted the message without an id.' } };
      }
      return { ok: true, providerMessageId: body.id };
    } catch (error) {
      if (error instanceof ZenviaError) return sendOutcomeOf(error, kind);
      throw error;
    }
  }

  /** Every WhatsApp template of our sender, every page (`x-total` / `x-page-size` / `x-page`). */
  async listTemplates(): Promise<ProviderTemplate[]> {
    const templates: ProviderTemplate[] = [];
    let seen = 0;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { body, headers } = await this.client.get<unknown[]>('templates', {
        channel: 'WHATSAPP', senderId: this.config.senderId, page: String(page), size: String(PAGE_SIZE),
      });
      const items = Array.isArray(body) ? body : [];
      for (const raw of items) {
        const template = fromZenviaTemplate(raw, this.config.senderId);
        if (template) templates.push(template);
      }
      seen += items.length;
      const total = Number(headers.get('x-total'));
      const size = Number(headers.get('x-page-size')) || PAGE_SIZE;
      const answered = Number(headers.get('x-page')) || page;
      if (!items.length || answered !== page) return templates;
      if (Number.isFinite(total) && headers.has('x-total') ? seen >= total : items.length < size) return templates;
    }
    throw new Error(`template listing stopped after ${MAX_PAGES} pages`);
  }

  async getTemplate(providerId: string): Promise<ProviderTemplate | null> {
    if (!/^[A-Za-z0-9-]{1,100}$/.test(providerId)) return null;
    try {
      return fromZenviaTemplate((await this.client.get(`templates/${providerId}`)).body, this.config.senderId);
    } catch (error) {
      if (error instanceof ZenviaError && error.info.httpStatus === 404) return null;
      throw error;
    }
  }

  parseWebhook(payload: unknown): WebhookItem[] {
    return webhookItems(payload, this.config);
  }
}
