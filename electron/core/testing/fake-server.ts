/** A tiny stand-in for the helpdesk server, over real HTTP, for core tests. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export const USER = { id: 'u1', name: 'Ana Ribeiro', email: 'agent@demo.test', role: 'agent' as const };
export const NOW = '2026-11-25T12:00:00.000Z';

export interface FakeServer {
  url: string;
  calls: { method: string; path: string; query: string; auth: string | undefined; lastEventId: string | undefined; body?: unknown }[];
  refreshCount: number;
  /** Access tokens the server accepts right now. */
  validTokens: Set<string>;
  refreshWorks: boolean;
  /** How many template sends to drop on the floor (connection cut) before answering. */
  dropTemplateSends: number;
  idempotencyKeys: string[];
  /** What `GET /conversations` answers. */
  conversations: unknown[];
  /** Team inbox (issue 14): who has conversation C1 (`POST .../assign` changes it), and who else may. */
  inbox: { holder: { id: string; name: string } | null; assignees: { id: string; name: string; role: string }[] };
  /** What `GET /attachments/:id/content` serves, by id. */
  media: Map<string, { bytes: Uint8Array; type: string; disposition?: string }>;
  /** Files received by `POST /attachments`, as the server parsed them. */
  uploads: { fileName: string; type: string; bytes: Uint8Array }[];
  /** Pushes an SSE frame to every connected stream. */
  push(id: number, data: unknown): void;
  /** Drops every SSE connection. */
  dropStreams(): void;
  close(): Promise<void>;
}

const problem = (res: ServerResponse, status: number, code: string) => {
  res.writeHead(status, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify({ status, code, detail: code }));
};

export async function startFakeServer(): Promise<FakeServer> {
  const streams = new Set<ServerResponse>();
  let tokenCounter = 0;
  const fake: FakeServer = {
    url: '',
    calls: [],
    refreshCount: 0,
    validTokens: new Set(),
    refreshWorks: true,
    dropTemplateSends: 0,
    idempotencyKeys: [],
    conversations: [],
    inbox: { holder: null, assignees: [{ id: USER_ID, name: USER.name, role: 'agent' }, { id: OTHER.id, name: OTHER.name, role: 'agent' }] },
    media: new Map(),
    uploads: [],
    push(id, data) {
      for (const res of streams) res.write(`id: ${id}\nevent: message.created\ndata: ${JSON.stringify(data)}\n\n`);
    },
    dropStreams() {
      for (const res of streams) res.destroy();
      streams.clear();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const pair = () => {
    const accessToken = `access-${++tokenCounter}`;
    fake.validTokens.add(accessToken);
    return { accessToken, refreshToken: `refresh-${tokenCounter}`, expiresIn: 900, user: USER };
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const [path = '', query = ''] = (req.url ?? '').split('?');
    const auth = req.headers.authorization;
    const call: FakeServer['calls'][number] = { method: req.method!, path, query, auth, lastEventId: req.headers['last-event-id'] as string | undefined };
    fake.calls.push(call);
    const parts: Buffer[] = [];
    for await (const chunk of req) parts.push(chunk as Buffer);
    const bytes = Buffer.concat(parts);
    const attachments = await handleAttachments(fake, req, res, path, bytes);
    if (attachments) return;
    const raw = bytes.toString('utf8');
    // A CSV upload (the rate card) is text; everything else JSON.
    const body = raw ? (/^text\//.test(req.headers['content-type'] ?? '') ? { text: raw } : JSON.parse(raw)) : {};
    call.body = body;
    if (path === '/api/v1/auth/login') {
      return body.password === 'demo-password' ? json(res, 200, pair()) : problem(res, 401, 'INVALID_CREDENTIALS');
    }
    if (path === '/api/v1/auth/refresh') {
      fake.refreshCount += 1;
      await new Promise((r) => setTimeout(r, 30));
      return fake.refreshWorks ? json(res, 200, pair()) : problem(res, 401, 'SESSION_EXPIRED');
    }
    if (path === '/api/v1/auth/logout') return res.writeHead(204).end();
    if (!auth || !fake.validTokens.has(auth.slice(7))) return problem(res, 401, 'UNAUTHENTICATED');
    if (path === '/api/v1/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hello\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (path === '/api/v1/template-sends') {
      fake.idempotencyKeys.push(String(req.headers['idempotency-key']));
      if (fake.dropTemplateSends > 0) {
        fake.dropTemplateSends -= 1;
        return req.socket.destroy();
      }
      const event = messageEvent(1, 'Olá Elena');
      return json(res, 201, { conversation: { ...event.conversation, state: 'waiting' }, message: { ...event.message, direction: 'outbound', kind: 'template' }, ticket: { id: 't1', number: 1001, subject: 'x', status: 'open' }, serverTime: NOW });
    }
    if (path === '/api/v1/conversations') return json(res, 200, { items: fake.conversations, nextCursor: null, serverTime: NOW });
    if (handleInbox(fake, req.method!, path, body, res, json)) return;
    if (path === '/api/v1/contacts/missing') return problem(res, 404, 'NOT_FOUND');
    return problem(res, 404, 'NOT_FOUND');
  };
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  fake.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return fake;
}

/** `POST /attachments` (multipart, field `file`) and `GET /attachments/:id/content`, behind the token. */
async function handleAttachments(fake: FakeServer, req: IncomingMessage, res: ServerResponse, path: string, body: Buffer): Promise<boolean> {
  if (!path.startsWith('/api/v1/attachments')) return false;
  const auth = req.headers.authorization;
  if (!auth || !fake.validTokens.has(auth.slice(7))) {
    problem(res, 401, 'UNAUTHENTICATED');
    return true;
  }
  const content = /^\/api\/v1\/attachments\/([^/]+)\/content$/.exec(path);
  if (content && req.method === 'GET') {
    const media = fake.media.get(decodeURIComponent(content[1]!));
    if (!media) problem(res, 404, 'NOT_FOUND');
    else {
      res.writeHead(200, { 'content-type': media.type, ...(media.disposition ? { 'content-disposition': media.disposition } : {}) });
      res.end(Buffer.from(media.bytes));
    }
    return true;
  }
  if (path === '/api/v1/attachments' && req.method === 'POST') {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': String(req.headers['content-type']) }, body }).formData();
    const file = form.get('file');
    if (!(file instanceof File)) {
      problem(res, 400, 'VALIDATION_FAILED');
      return true;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    fake.uploads.push({ fileName: file.name, type: file.type, bytes });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `a${fake.uploads.length}`, type: 'document', mimeType: file.type, fileName: file.name, size: bytes.byteLength, state: 'ready', serverTime: NOW }));
    return true;
  }
  problem(res, 404, 'NOT_FOUND');
  return true;
}

/** The ids of the team-inbox routes are UUIDs, as the server's are. */
export const C1 = '00000000-0000-4000-8000-0000000000c1';
export const K1 = '00000000-0000-4000-8000-0000000000a1';
export const USER_ID = '00000000-0000-4000-8000-0000000000b1';
export const OTHER = { id: '00000000-0000-4000-8000-0000000000b2', name: 'Lucas Ferreira' };

/** `GET /conversations/views`, `POST /conversations/C1/assign|read`, `GET /contacts/K1/conversations`, `GET /assignees`. */
function handleInbox(fake: FakeServer, method: string, path: string, body: { assigneeId?: string | null }, res: ServerResponse, json: (res: ServerResponse, status: number, body: unknown) => void): boolean {
  const conversation = () => ({ ...messageEvent(1, '').conversation, id: C1, contactId: K1, assigneeId: fake.inbox.holder?.id ?? null, assignee: fake.inbox.holder });
  if (method === 'GET' && path === '/api/v1/conversations/views') {
    json(res, 200, { items: [{ view: 'mine', count: 2, unread: 1 }, { view: 'unassigned', count: 1, unread: 1 }, { view: 'waiting', count: 0, unread: 0 }], serverTime: NOW });
  } else if (method === 'POST' && path === `/api/v1/conversations/${C1}/assign`) {
    const holder = fake.inbox.holder;
    if (holder && holder.id !== USER_ID) {
      res.writeHead(409, { 'content-type': 'application/problem+json' });
      res.end(JSON.stringify({ status: 409, code: 'CONVERSATION_ASSIGNED_TO_OTHER', detail: `${holder.name} has this conversation.`, assignee: holder }));
    } else {
      fake.inbox.holder = fake.inbox.assignees.find((a) => a.id === body.assigneeId) ?? null;
      json(res, 200, { ...conversation(), serverTime: NOW });
    }
  } else if (method === 'POST' && path === `/api/v1/conversations/${C1}/read`) {
    res.writeHead(204).end();
  } else if (method === 'GET' && path === `/api/v1/contacts/${K1}/conversations`) {
    json(res, 200, { items: [conversation(), { ...conversation(), id: OTHER.id.replace('b2', 'c0'), state: 'closed', closedReason: 'agent', closedAt: NOW }], nextCursor: null, serverTime: NOW });
  } else if (method === 'GET' && path === '/api/v1/assignees') {
    json(res, 200, { items: fake.inbox.assignees, serverTime: NOW });
  } else {
    return false;
  }
  return true;
}

export function messageEvent(id: number, text: string, assigneeId: string | null = null) {
  const conversation = {
    id: 'c1', contactId: 'k1', ticketId: null, channel: 'whatsapp', state: 'open', assigneeId,
    windowExpiresAt: NOW, autoCloseAt: null, lastMessageAt: NOW, createdAt: NOW,
    contact: { id: 'k1', name: 'Bruno Costa', phone: '+5511999990001' }, assignee: null, lastMessage: null,
  };
  const message = { id: `m${id}`, conversationId: 'c1', direction: 'inbound', kind: 'text', text, status: 'received', createdAt: NOW };
  return { type: 'message.created', id: String(id), serverTime: NOW, conversation, message };
}
