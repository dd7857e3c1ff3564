/**
 * A fake Zenvia API v2 over real HTTP on 127.0.0.1, answering as Zenvia's OpenAPI spec says
 * (whatsapp-protocol.md §2): `X-API-TOKEN` authentication, sends to
 * `POST /v2/channels/whatsapp/messages`, template listing paged with `x-total` / `x-page-size` /
 * `x-page`, subscriptions (at most two per criteria), error bodies `{code, message, details}`,
 * and files customers sent. Every body the server sends is checked against the spec's shapes
 * (zenvia-schema.ts) and refused with VALIDATION_ERROR when it does not match; template sends are
 * checked against the template's `fields`. Like Zenvia, it fetches every file link it is given
 * (a `file` content's `fileUrl`, a header's `documentUrl`...), through a stand-in for the public
 * address (`publicOrigin` → the test server), and keeps what it got.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { parseZenviaConfig, type ZenviaConfig } from '../../src/providers/zenvia/config';
import { errorBody, SubscriptionRequest, TemplateListQuery, WhatsAppMessage } from './zenvia-schema';

export const ZENVIA_TEST = {
  token: 'zenviaTESTapiTOKENmustNEVERbeLOGGED01234',
  secret: 'webhook-SECRET-4b7d1e9a0c55',
  sender: '5511999990000',
  /** The public address Zenvia reaches us at (a reverse proxy in front of the server, with a path prefix). */
  publicUrl: 'https://zapdesk.example.test/support',
};

/** One scripted answer to the next send: a Zenvia error, or a cut connection (before or after the send was taken). */
export type SendScript = { status: number; code: string; message?: string; details?: { code: string; path?: string; message: string }[] } | 'drop-before' | 'drop-after';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  token: string | undefined;
  body: any;
}

/** A file Zenvia fetched from a link we gave it. */
export interface FetchedFile {
  url: string;
  /** HTTP status; 0 when the fetch failed, -1 when the link is not on our public address (not fetched). */
  status: number;
  contentType: string | null;
  bytes: Buffer;
}

export interface FakeZenvia {
  url: string;
  config: ZenviaConfig;
  templates: any[];
  /** At most this many templates per page, whatever `size` asks. */
  pageSize: number;
  requests: RecordedRequest[];
  /** Messages Zenvia took (answered or not), with the id it gave them. */
  delivered: { id: string; body: any }[];
  subscriptions: Map<string, any>;
  /** Whether listed subscriptions show their webhook headers (Zenvia may not). */
  listHeaders: boolean;
  /** How many of the next subscription listings answer INTERNAL_ERROR (Zenvia down). */
  failSubscriptions: number;
  script(...answers: SendScript[]): void;
  /** Files a customer sent, as `fileUrl`s of inbound `file` contents. */
  addFile(bytes: Buffer, mimeType: string): string;
  /** Files Zenvia fetched from the links in our sends. */
  fetched: FetchedFile[];
  /** Where `publicOrigin` leads (the test server's own URL). */
  proxyTo: string | null;
  /** Bodies that did not match the spec's shapes, refused with VALIDATION_ERROR. */
  invalidBodies: { path: string; body: any; problems: string }[];
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
};
const fail = (res: ServerResponse, status: number, code: string, message: string, details: { code: string; path?: string; message: string }[] = []) =>
  send(res, status, errorBody(code, message, details));

const MEDIA_KEYS: Record<string, string> = { MEDIA_IMAGE: 'imageUrl', MEDIA_VIDEO: 'videoUrl', MEDIA_DOCUMENT: 'documentUrl' };

export async function startFakeZenvia(): Promise<FakeZenvia> {
  const scripts: SendScript[] = [];
  const files = new Map<string, { bytes: Buffer; mimeType: string }>();
  const fake = {} as FakeZenvia;

  /** Zenvia downloads what a link points at; our public address leads to the test server. */
  const fetchLink = async (link: string) => {
    // Only our public address is reachable from here (the tests have no network): other links are recorded, not fetched.
    if (!fake.proxyTo || !link.startsWith(`${ZENVIA_TEST.publicUrl}/`)) return void fake.fetched.push({ url: link, status: -1, contentType: null, bytes: Buffer.alloc(0) });
    const target = `${fake.proxyTo}/${link.slice(ZENVIA_TEST.publicUrl.length + 1)}`;
    try {
      const response = await fetch(target);
      fake.fetched.push({ url: link, status: response.status, contentType: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) });
    } catch {
      fake.fetched.push({ url: link, status: 0, contentType: null, bytes: Buffer.alloc(0) });
    }
  };

  /** Zenvia's own checks of a template send against the template (its `fields`, media header, token, code). */
  const templateProblems = (content: any): { status: number; code: string; message: string; details: { code: string; path: string; message: string }[] } | null => {
    const t = fake.templates.find((x) => x.id === content.templateId && x.senderId === ZENVIA_TEST.sender);
    if (!t) return { status: 404, code: 'NOT_FOUND', message: 'Not found', details: [] };
    if (t.status !== 'APPROVED') return { status: 400, code: 'VALIDATION_ERROR', message: 'Validation error', details: [{ code: 'TEMPLATE_NOT_APPROVED', path: 'contents[0].templateId', message: `Template is ${t.status}` }] };
    const fields: Record<string, unknown> = content.fields ?? {};
    const allowed = new Set<string>(t.fields ?? []);
    const headerKey = MEDIA_KEYS[t.components?.header?.type];
    if (headerKey) allowed.add(headerKey);
    if (t.category === 'AUTHENTICATION') allowed.add('token');
    const coupon = (t.components?.buttons?.items ?? []).some((b: any) => b.type === 'COPY_CODE');
    if (coupon) allowed.add('code');
    const details: { code: string; path: string; message: string }[] = [];
    for (const name of allowed) {
      const value = fields[name];
      if (value === undefined || String(value).trim() === '') details.push({ code: 'REQUIRED', path: `contents[0].fields.${name}`, message: `${name} is required` });
    }
    for (const name of Object.keys(fields)) if (!allowed.has(name)) details.push({ code: 'UNKNOWN_FIELD', path: `contents[0].fields.${name}`, message: `${name} is not a field of this template` });
    if (headerKey && typeof fields[headerKey] === 'string' && !/^https?:\/\//.test(fields[headerKey] as string)) {
      details.push({ code: 'INVALID_URL', path: `contents[0].fields.${headerKey}`, message: 'must be an URL' });
    }
    return details.length ? { status: 400, code: 'VALIDATION_ERROR', message: 'Validation error', details } : null;
  };

  const handleSend = async (req: IncomingMessage, res: ServerResponse, body: any) => {
    const next = scripts.shift();
    if (next === 'drop-before') return req.socket.destroy();
    const shape = WhatsAppMessage.safeParse(body);
    if (!shape.success) {
      fake.invalidBodies.push({ path: 'channels/whatsapp/messages', body, problems: z.prettifyError(shape.error) });
      return fail(res, 400, 'VALIDATION_ERROR', 'Validation error', shape.error.issues.map((i) => ({ code: i.code, path: i.path.join('.'), message: i.message })));
    }
    const take = () => {
      const id = randomUUID();
      fake.delivered.push({ id, body });
      return id;
    };
    if (next === 'drop-after') {
      take();
      return req.socket.destroy();
    }
    if (next) return fail(res, next.status, next.code, next.message ?? 'Scripted failure', next.details ?? []);
    if (body.from !== ZENVIA_TEST.sender) return fail(res, 400, 'VALIDATION_ERROR', 'Validation error', [{ code: 'INVALID_SENDER', path: 'from', message: 'Unknown sender' }]);
    if (!/^\d{8,15}$/.test(body.to)) return fail(res, 400, 'VALIDATION_ERROR', 'Validation error', [{ code: 'INVALID_RECIPIENT', path: 'to', message: 'Invalid recipient' }]);
    for (const content of body.contents) {
      if (content.type === 'template') {
        const problem = templateProblems(content);
        if (problem) return fail(res, problem.status, problem.code, problem.message, problem.details);
        for (const key of ['imageUrl', 'videoUrl', 'documentUrl']) if (typeof content.fields?.[key] === 'string') await fetchLink(content.fields[key]);
      } else if (content.type === 'file') {
        if (!/^https?:\/\//.test(content.fileUrl)) return fail(res, 400, 'VALIDATION_ERROR', 'Validation error', [{ code: 'INVALID_URL', path: 'contents[0].fileUrl', message: 'must be an URL' }]);
        await fetchLink(content.fileUrl);
      }
    }
    const id = take();
    return send(res, 200, { id, from: body.from, to: body.to, direction: 'OUT', channel: 'whatsapp', contents: body.contents, externalId: body.externalId, timestamp: new Date().toISOString() });
  };

  const handleSubscriptions = (req: IncomingMessage, res: ServerResponse, id: string | undefined, body: any) => {
    if (req.method === 'GET' && !id) {
      if (fake.failSubscriptions > 0) {
        fake.failSubscriptions--;
        return fail(res, 500, 'INTERNAL_ERROR', 'Internal error');
      }
      return send(res, 200, [...fake.subscriptions.values()].map((s) => (fake.listHeaders ? s : { ...s, webhook: { url: s.webhook.url } })));
    }
    if (req.method === 'POST' && !id) {
      const shape = SubscriptionRequest.safeParse(body);
      if (!shape.success) {
        fake.invalidBodies.push({ path: 'subscriptions', body, problems: z.prettifyError(shape.error) });
        return fail(res, 400, 'VALIDATION_ERROR', 'Validation error', shape.error.issues.map((i) => ({ code: i.code, path: i.path.join('.'), message: i.message })));
      }
      const same = [...fake.subscriptions.values()].filter((s) => s.eventType === body.eventType && s.criteria.channel === body.criteria.channel);
      if (same.length >= 2) return fail(res, 400, 'VALIDATION_ERROR', 'Subscription limit reached for this criteria');
      const now = new Date().toISOString();
      const created = { id: randomUUID(), ...body, status: body.status ?? 'ACTIVE', version: body.version ?? 'v2', createdAt: now, updatedAt: now };
      fake.subscriptions.set(created.id, created);
      return send(res, 200, created);
    }
    if (req.method === 'DELETE' && id) {
      if (!fake.subscriptions.delete(id)) return fail(res, 404, 'NOT_FOUND', 'Not found');
      return send(res, 204);
    }
    return fail(res, 404, 'NOT_FOUND', 'Not found');
  };

  const handleTemplates = (res: ServerResponse, url: URL, id: string | undefined) => {
    if (id) {
      const t = fake.templates.find((x) => x.id === id);
      return t ? send(res, 200, t) : fail(res, 404, 'NOT_FOUND', 'Not found');
    }
    const query = TemplateListQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      fake.invalidBodies.push({ path: 'templates', body: Object.fromEntries(url.searchParams), problems: z.prettifyError(query.error) });
      return fail(res, 400, 'VALIDATION_ERROR', 'Validation error');
    }
    const { channel, senderId } = query.data;
    const page = Number(query.data.page ?? 1);
    const size = Math.min(Number(query.data.size ?? 500), fake.pageSize);
    const all = fake.templates.filter((t) => (!channel || t.channel === channel) && (!senderId || t.senderId === senderId));
    const items = all.slice((page - 1) * size, page * size);
    return send(res, 200, items, { 'x-total': String(all.length), 'x-page-size': String(size), 'x-page': String(page) });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: any;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        return fail(res, 400, 'VALIDATION_ERROR', 'Malformed JSON');
      }
      const token = req.headers['x-api-token'] as string | undefined;
      fake.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, token, body });
      if (token !== ZENVIA_TEST.token) return fail(res, 401, 'AUTHENTICATION_ERROR', 'No authorization token was found');
      if (body !== undefined && !String(req.headers['content-type'] ?? '').startsWith('application/json')) return fail(res, 400, 'VALIDATION_ERROR', 'JSON expected');
      const [, version, resource, second, third] = url.pathname.split('/');
      if (version === 'cdn' && resource && req.method === 'GET') {
        const file = files.get(resource);
        if (!file) return fail(res, 404, 'NOT_FOUND', 'Not found');
        res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.bytes.length });
        return res.end(file.bytes);
      }
      if (version !== 'v2') return fail(res, 404, 'NOT_FOUND', 'Not found');
      if (resource === 'channels' && second === 'whatsapp' && third === 'messages' && req.method === 'POST') return handleSend(req, res, body);
      if (resource === 'subscriptions') return handleSubscriptions(req, res, second, body);
      if (resource === 'templates' && req.method === 'GET') return handleTemplates(res, url, second);
      return fail(res, 404, 'NOT_FOUND', 'Not found');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(fake, {
    url,
    config: parseZenviaConfig({
      ZENVIA_API_URL: `${url}/v2`,
      ZENVIA_API_TOKEN: ZENVIA_TEST.token,
      ZENVIA_SENDER_ID: ZENVIA_TEST.sender,
      ZENVIA_WEBHOOK_URL: `${ZENVIA_TEST.publicUrl}/webhooks/zenvia`,
      ZENVIA_WEBHOOK_SECRET: ZENVIA_TEST.secret,
    }),
    templates: [],
    pageSize: 2,
    requests: [],
    delivered: [],
    subscriptions: new Map(),
    listHeaders: true,
    failSubscriptions: 0,
    script: (...answers: SendScript[]) => scripts.push(...answers),
    addFile: (bytes: Buffer, mimeType: string) => {
      const id = randomUUID();
      files.set(id, { bytes, mimeType });
      return `${url}/cdn/${id}`;
    },
    fetched: [],
    proxyTo: null,
    invalidBodies: [],
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  } satisfies Partial<FakeZenvia>);
  return fake;
}
