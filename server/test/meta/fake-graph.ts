/**
 * A fake Graph API over real HTTP, speaking the documented shapes (whatsapp-protocol.md §1.2,
 * §1.3, §1.5): template listing with cursor paging, template sends with Meta's validation of
 * template name, language and parameter count, error bodies, rate limits, and connections cut
 * before or after a send was taken.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attachmentLimitFor } from '../../../shared/api/attachments';
import type { MetaConfig } from '../../src/providers/meta/config';
import { GraphMediaMessage, GraphTemplateMessage, GraphTextMessage } from './graph-schema';
import { publishedSchemaProblems } from './meta-schema';

export const TEST_SECRETS = {
  accessToken: 'EAATESTtokenTHATmustNEVERbeLOGGED0123456789',
  appSecret: 'c0ffee0ddba11deadbeefcafe1234567',
  verifyToken: 'verify-me-please-42',
};

/** One scripted answer to the next send: a Graph error, or a cut connection (before or after the send was taken). */
export type SendScript = { status: number; code: number; message?: string; retryAfter?: number } | 'drop-before' | 'drop-after';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: any;
}

export interface FakeGraph {
  url: string;
  config: MetaConfig;
  templates: any[];
  pageSize: number;
  requests: RecordedRequest[];
  /** Sends that WhatsApp took (answered or not). */
  delivered: { wamid: string; body: any }[];
  script(...answers: SendScript[]): void;
  /** The wa_id the fake reports for a `to` (default: its digits). */
  waIdFor: (to: string) => string;
  failTemplateListing: { status: number; code: number; message: string } | null;
  /** Media WhatsApp holds: customers' (added by tests) and ours (uploaded through POST /{phone}/media). */
  media: Map<string, { bytes: Buffer; mimeType: string; fileName?: string }>;
  /** Our uploads, in order. */
  uploads: { id: string; mimeType: string; fileName: string; size: number }[];
  /** Media a customer sent: its id, as a webhook would carry it. */
  addMedia(bytes: Buffer, mimeType: string): string;
  /** Media ids whose download answers 404 (expired, or WhatsApp lost them). */
  missingMedia: Set<string>;
  /** Holds the download of a media id until the returned function is called (a slow WhatsApp CDN). */
  holdDownload(id: string): () => void;
  /**
   * Bodies that did not match Meta's published message schema (meta-schema.ts) or the stricter
   * shapes of graph-schema.ts, refused with #100. `close()` fails the suite when there is any.
   */
  invalidBodies: { body: any; problems: string }[];
  close(): Promise<void>;
}

const trace = () => `ATEST${Math.random().toString(36).slice(2, 10)}`;

function graphError(res: ServerResponse, status: number, code: number, message: string, extra: Record<string, unknown> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...(extra.retryAfter ? { 'retry-after': String(extra.retryAfter) } : {}) });
  res.end(JSON.stringify({ error: { message: `(#${code}) ${message}`, type: 'OAuthException', code, error_subcode: 2494010, error_data: { messaging_product: 'whatsapp', details: message }, fbtrace_id: trace() } }));
}

const json = (res: ServerResponse, body: unknown) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

function placeholders(text: string | undefined): string[] {
  return [...new Set([...(text ?? '').matchAll(/\{\{\s*([a-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!))];
}

export async function startFakeGraph(overrides: Partial<Pick<MetaConfig, 'phoneNumberId' | 'wabaId' | 'apiVersion'>> = {}): Promise<FakeGraph> {
  const ids = { phoneNumberId: '1000000000001', wabaId: '2000000000002', apiVersion: 'v23.0', ...overrides };
  const scripts: SendScript[] = [];
  const held = new Map<string, Promise<void>>();
  let counter = 0;
  const fake = {} as FakeGraph;

  const handleSend = (req: IncomingMessage, res: ServerResponse, body: any) => {
    const next = scripts.shift();
    if (next === 'drop-before') return req.socket.destroy();
    const take = () => {
      const wamid = `wamid.TEST${String(++counter).padStart(6, '0')}`;
      fake.delivered.push({ wamid, body });
      return wamid;
    };
    if (next === 'drop-after') {
      take();
      return req.socket.destroy();
    }
    if (next) return graphError(res, next.status, next.code, next.message ?? 'Scripted failure', { retryAfter: next.retryAfter });
    if (body?.messaging_product !== 'whatsapp' || typeof body.to !== 'string') return graphError(res, 400, 100, 'Invalid parameter');
    // Every body first against Meta's published message schema (meta-schema.ts), then our stricter shapes below.
    const published = publishedSchemaProblems(body);
    if (published) {
      fake.invalidBodies.push({ body, problems: `Meta's published schema: ${published}` });
      return graphError(res, 400, 100, 'Invalid parameter');
    }
    if (body.type === 'text') {
      const shape = GraphTextMessage.safeParse(body);
      if (!shape.success) {
        fake.invalidBodies.push({ body, problems: shape.error.message });
        return graphError(res, 400, 100, 'Invalid parameter');
      }
    }
    if (body.type === 'template') {
      const shape = GraphTemplateMessage.safeParse(body);
      if (!shape.success) {
        fake.invalidBodies.push({ body, problems: shape.error.message });
        return graphError(res, 400, 100, 'Invalid parameter');
      }
      const t = fake.templates.find((x) => x.name === body.template?.name && x.language === body.template?.language?.code);
      if (!t || String(t.status).toUpperCase() !== 'APPROVED') return graphError(res, 404, 132001, 'Template name does not exist in the translation');
      const named = t.parameter_format === 'NAMED';
      for (const type of ['HEADER', 'BODY']) {
        if (type === 'HEADER' && t.components.some((c: any) => c.type === 'HEADER' && c.format && c.format !== 'TEXT')) continue; // checked below
        const wanted = placeholders(t.components.find((c: any) => c.type === type)?.text);
        const given = (body.template.components ?? []).find((c: any) => c.type === type.toLowerCase())?.parameters ?? [];
        if (given.length !== wanted.length) return graphError(res, 400, 132000, 'Number of parameters does not match the expected number of params');
        const badNames = named
          ? given.some((p: any) => typeof p.parameter_name !== 'string' || !wanted.includes(p.parameter_name))
          : given.some((p: any) => p.parameter_name !== undefined);
        if (badNames) return graphError(res, 400, 100, 'Invalid parameter');
      }
      // A media or location header must come with its parameter, of the header's type (Meta: 132012).
      const format = t.components.find((c: any) => c.type === 'HEADER')?.format;
      if (['IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'].includes(format)) {
        const given = (body.template.components ?? []).find((c: any) => c.type === 'header')?.parameters?.[0];
        if (given?.type !== format.toLowerCase()) return graphError(res, 400, 132012, 'Parameter format does not match format in the created template');
      }
      const buttons = t.components.find((c: any) => c.type === 'BUTTONS')?.buttons ?? [];
      for (const [index, button] of buttons.entries()) {
        if (button.type === 'COPY_CODE' && t.category !== 'AUTHENTICATION') {
          const given = (body.template.components ?? []).find((c: any) => c.type === 'button' && c.sub_type === 'copy_code' && c.index === String(index));
          if (!given) return graphError(res, 400, 132000, 'Number of parameters does not match the expected number of params');
          continue;
        }
        if (button.type !== 'URL' || !placeholders(button.url).length) continue;
        const given = (body.template.components ?? []).find((c: any) => c.type === 'button' && c.sub_type === 'url' && c.index === String(index));
        if (given?.parameters?.length !== 1 || typeof given.parameters[0].text !== 'string') {
          return graphError(res, 400, 132000, 'Number of parameters does not match the expected number of params');
        }
      }
    } else if (['image', 'video', 'audio', 'document', 'sticker'].includes(body.type)) {
      // Meta's media message shape (graph-schema.ts); media by id must be an upload of ours.
      const shape = GraphMediaMessage.safeParse(body);
      if (!shape.success) {
        fake.invalidBodies.push({ body, problems: shape.error.message });
        return graphError(res, 400, 100, 'Invalid parameter');
      }
      const m = body[body.type];
      if (typeof m.id === 'string' && !fake.media.has(m.id)) return graphError(res, 400, 131053, 'Media upload error');
    } else if (body.type !== 'text') {
      return graphError(res, 400, 100, 'Invalid parameter');
    }
    const wamid = take();
    return json(res, {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: fake.waIdFor(body.to) }],
      messages: [{ id: wamid, ...(body.type === 'template' ? { message_status: 'accepted' } : {}) }],
    });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks);
      const multipart = (req.headers['content-type'] ?? '').startsWith('multipart/form-data');
      const form = multipart ? await new Response(raw, { headers: { 'content-type': req.headers['content-type']! } }).formData() : null;
      const text = multipart ? '' : raw.toString('utf8');
      const body = form ? Object.fromEntries([...form.keys()].map((k) => [k, typeof form.get(k) === 'string' ? form.get(k) : '(file)'])) : text ? JSON.parse(text) : undefined;
      fake.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization, body });
      if (req.headers.authorization !== `Bearer ${TEST_SECRETS.accessToken}`) {
        return graphError(res, 401, 190, 'Invalid OAuth access token - Cannot parse access token');
      }
      const [, version, node, edge] = url.pathname.split('/');
      if (req.method === 'GET' && version === 'media-download' && node) {
        const m = fake.media.get(node);
        if (!m || fake.missingMedia.has(node)) return graphError(res, 404, 100, 'Media not found');
        await held.get(node);
        res.writeHead(200, { 'content-type': m.mimeType, 'content-length': m.bytes.length });
        return res.end(m.bytes);
      }
      if (version !== ids.apiVersion) return graphError(res, 400, 2635, 'Unknown API version');
      if (req.method === 'POST' && node === ids.phoneNumberId && edge === 'messages') return handleSend(req, res, body);
      if (req.method === 'GET' && node === ids.wabaId && edge === 'message_templates') {
        if (fake.failTemplateListing) {
          const f = fake.failTemplateListing;
          return graphError(res, f.status, f.code, f.message);
        }
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 25), fake.pageSize);
        const offset = Number(Buffer.from(url.searchParams.get('after') ?? 'MA==', 'base64').toString() || 0);
        const data = fake.templates.slice(offset, offset + limit);
        const after = Buffer.from(String(offset + data.length)).toString('base64');
        const more = offset + data.length < fake.templates.length;
        const next = `${fake.url}/${version}/${node}/message_templates?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), after })}`;
        return json(res, { data, paging: { cursors: { before: Buffer.from(String(offset)).toString('base64'), after }, ...(more ? { next } : {}) } });
      }
      if (req.method === 'POST' && node === ids.phoneNumberId && edge === 'media') {
        const file = form?.get('file');
        if (form?.get('messaging_product') !== 'whatsapp' || typeof form.get('type') !== 'string' || !file || typeof file === 'string') {
          return graphError(res, 400, 100, 'Invalid parameter');
        }
        const bytes = Buffer.from(await file.arrayBuffer());
        // WhatsApp takes only its own types and sizes (whatsapp-protocol.md §1.8), typed as the file really is.
        const limit = attachmentLimitFor(String(form.get('type')));
        if (!limit || bytes.length > limit.maxBytes || (file.type && file.type !== form.get('type'))) {
          return graphError(res, 400, 131053, 'Media upload error');
        }
        const id = String(4_000_000_000_000 + fake.media.size + 1);
        fake.media.set(id, { bytes, mimeType: String(form.get('type')), fileName: file.name });
        fake.uploads.push({ id, mimeType: String(form.get('type')), fileName: file.name, size: bytes.length });
        return json(res, { id });
      }
      if (req.method === 'GET' && node && !edge && fake.media.has(node)) {
        const m = fake.media.get(node)!;
        return json(res, {
          messaging_product: 'whatsapp', id: node, mime_type: m.mimeType, file_size: m.bytes.length,
          sha256: createHash('sha256').update(m.bytes).digest('hex'), url: `${fake.url}/media-download/${node}?ext=1`,
        });
      }
      if (req.method === 'GET' && node && !edge) {
        const t = fake.templates.find((x) => x.id === node);
        return t ? json(res, t) : graphError(res, 400, 100, `Unsupported get request. Object with ID '${node}' does not exist`);
      }
      return graphError(res, 400, 100, 'Unknown path components');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(fake, {
    url,
    config: { graphUrl: url, apiVersion: ids.apiVersion, phoneNumberId: ids.phoneNumberId, wabaId: ids.wabaId, ...TEST_SECRETS },
    templates: [],
    pageSize: 2,
    requests: [],
    delivered: [],
    script: (...answers: SendScript[]) => scripts.push(...answers),
    waIdFor: (to: string) => to.replace(/\D/g, ''),
    failTemplateListing: null,
    media: new Map(),
    uploads: [],
    missingMedia: new Set(),
    addMedia: (bytes: Buffer, mimeType: string) => {
      const id = String(9_000_000_000_000 + fake.media.size + 1);
      fake.media.set(id, { bytes, mimeType });
      return id;
    },
    invalidBodies: [],
    holdDownload: (id: string) => {
      let release!: () => void;
      held.set(id, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close(() => {
        const invalid = fake.invalidBodies;
        if (!invalid.length) return resolve();
        reject(new Error(`the server sent ${invalid.length} bodies Graph would refuse:\n${invalid.map((i) => `${i.problems}\n  ${JSON.stringify(i.body)}`).join('\n')}`));
      });
    }),
  } satisfies Partial<FakeGraph>);
  return fake;
}

/** Templates as Graph lists them: positional, named with header and buttons, paused, rejected, authentication. */
export function graphTemplates() {
  return [
    {
      id: '1000000000000001', name: 'order_update', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY', parameter_format: 'POSITIONAL',
      components: [
        { type: 'BODY', text: 'Olá {{1}}, seu pedido {{2}} foi atualizado.', example: { body_text: [['Ana', 'A-1']] } },
        { type: 'FOOTER', text: 'Loja Demo' },
      ],
    },
    {
      id: '1000000000000002', name: 'ticket_followup', language: 'pt_BR', status: 'APPROVED', category: 'UTILITY', parameter_format: 'NAMED',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Chamado {{ticket_no}}', example: { header_text_named_params: [{ param_name: 'ticket_no', example: '123' }] } },
        { type: 'BODY', text: 'Olá {{first_name}}, aqui é {{agent_name}}. Podemos continuar?',
          example: { body_text_named_params: [{ param_name: 'first_name', example: 'Ana' }, { param_name: 'agent_name', example: 'Bruno' }] } },
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Ver chamado', url: 'https://example.test/t/{{1}}' }, { type: 'QUICK_REPLY', text: 'Reabrir' }] },
      ],
    },
    {
      id: '1000000000000003', name: 'payment_reminder', language: 'en_US', status: 'PAUSED', category: 'UTILITY', parameter_format: 'POSITIONAL',
      components: [{ type: 'BODY', text: 'Invoice {{1}} is due soon.' }],
    },
    {
      id: '1000000000000004', name: 'promo_black_friday', language: 'es', status: 'REJECTED', rejected_reason: 'PROMOTIONAL', category: 'MARKETING',
      components: [{ type: 'BODY', text: '¡Black Friday!' }],
    },
    {
      id: '1000000000000005', name: 'welcome_back', language: 'es', status: 'APPROVED', category: 'MARKETING', parameter_format: 'POSITIONAL',
      components: [{ type: 'BODY', text: '¡Hola! Te extrañamos.' }],
    },
  ];
}
