/** The Meta Cloud API side of the provider: sends, template listing, webhook parsing. */
import { takesCaption } from '../../../../shared/api/attachments';
import type { ProviderTemplate, SendOutcome, TemplateSendInput, TextSendInput, WebhookItem, WhatsAppTransport } from '../types';
import { sendComponents } from './components';
import type { MetaConfig } from './config';
import { failure, sendOutcomeOf } from './errors';
import { GraphClient, GraphError, type GraphClientOptions } from './graph-client';
import { fromGraphTemplate } from './template-map';
import { webhookItems } from './webhook';

const TEMPLATE_FIELDS = 'id,name,language,status,category,components,parameter_format,rejected_reason';
const PAGE_SIZE = '100';
const MAX_PAGES = 500;

interface SendResponse {
  contacts?: { input?: string; wa_id?: string }[];
  messages?: { id?: string; message_status?: string }[];
}

interface TemplatePage {
  data?: unknown[];
  paging?: { cursors?: { after?: string }; next?: string };
}

export class MetaTransport implements WhatsAppTransport {
  readonly graph: GraphClient;

  constructor(
    private readonly config: MetaConfig,
    options: GraphClientOptions = {},
  ) {
    this.graph = new GraphClient(config, options);
  }

  sendTemplate(send: TemplateSendInput): Promise<SendOutcome> {
    const components = sendComponents(send.template, send.parameters, send);
    return this.send(send.to, send.correlationId, {
      type: 'template',
      template: {
        name: send.template.name,
        language: { code: send.template.language },
        ...(components.length ? { components } : {}),
      },
    });
  }

  sendText(send: TextSendInput): Promise<SendOutcome> {
    if (send.media) {
      const { type, id, fileName } = send.media;
      const caption = send.text && takesCaption(type) ? { caption: send.text } : {};
      const name = type === 'document' && fileName ? { filename: fileName } : {};
      return this.send(send.to, send.correlationId, { type, [type]: { id, ...caption, ...name } });
    }
    return this.send(send.to, send.correlationId, { type: 'text', text: { body: send.text, preview_url: false } });
  }

  private async send(to: string, correlationId: string, content: Record<string, unknown>): Promise<SendOutcome> {
    try {
      const response = await this.graph.post<SendResponse>(`${this.config.phoneNumberId}/messages`, {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        biz_opaque_callback_data: correlationId,
        ...content,
      });
      const id = response?.messages?.[0]?.id;
      if (typeof id !== 'string' || !id) {
        // Accepted without an id to follow: it may have gone out, so never resend blindly.
        return { ok: false, retry: true, maybeSent: true, failure: failure('WHATSAPP_SEND_FAILED') };
      }
      return { ok: true, providerMessageId: id, waId: response.contacts?.[0]?.wa_id };
    } catch (error) {
      if (error instanceof GraphError) return sendOutcomeOf(error);
      throw error;
    }
  }

  /** Every page, following `paging.next` with the `after` cursor on our own Graph URL (the token never goes elsewhere). */
  async listTemplates(): Promise<ProviderTemplate[]> {
    const templates: ProviderTemplate[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const query: Record<string, string> = { fields: TEMPLATE_FIELDS, limit: PAGE_SIZE };
      if (after) query.after = after;
      const result = await this.graph.get<TemplatePage>(`${this.config.wabaId}/message_templates`, query);
      for (const raw of Array.isArray(result?.data) ? result.data : []) {
        const template = fromGraphTemplate(raw);
        if (template) templates.push(template);
      }
      const next = result?.paging?.next;
      const cursor = result?.paging?.cursors?.after ?? (next ? new URL(next).searchParams.get('after') ?? undefined : undefined);
      if (!next || !cursor || cursor === after) return templates;
      after = cursor;
    }
    throw new Error(`template listing stopped after ${MAX_PAGES} pages`);
  }

  async getTemplate(providerId: string): Promise<ProviderTemplate | null> {
    if (!/^\d+$/.test(providerId)) return null;
    try {
      return fromGraphTemplate(await this.graph.get(providerId, { fields: TEMPLATE_FIELDS }));
    } catch (error) {
      if (error instanceof GraphError && error.info.kind === 'api' && (error.info.code === 100 || error.info.httpStatus === 404)) return null;
      throw error;
    }
  }

  parseWebhook(payload: unknown): WebhookItem[] {
    return webhookItems(payload, this.config);
  }
}
