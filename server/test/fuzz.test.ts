/**
 * Fuzz suite (issue 13), server half: generated requests to every route never answer 5xx, and a
 * refused one changes no stored data. Property-based with fast-check: a fixed seed (FUZZ_SEED to
 * change it, printed with any failure, which fast-check also shrinks to a small counterexample).
 * The IPC half is electron/core/ipc/fuzz.test.ts; both take their run settings, runner and hostile
 * values from tests/fuzz/kit.ts.
 *
 * `npm test` runs a few seconds per backend (at most 150 requests, stopped after 4 s);
 * `npm run fuzz` runs both halves, here 5000 requests per suite and backend (FUZZ_RUNS to change
 * it), with no time limit. Routes are those of server/src/routes/*.ts and the Meta webhook routes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebhookFailureQuery } from '../../shared/api/admin';
import { ConsumptionQuery } from '../../shared/api/consumption';
import {
  ContactListQuery,
  ConversationListQuery,
  LoginRequest,
  MessageListQuery,
  SandboxClockAdvance,
  SandboxCustomerMessage,
  SandboxMessageStatus,
  SendTextRequest,
} from '../../shared/api/schemas';
import { AssignRequest, ContactConversationsQuery } from '../../shared/api/inbox';
import { ExpiringQuery } from '../../shared/api/supervisor';
import { TemplateListQuery, TemplateSendRequest } from '../../shared/api/templates';
import { TicketListQuery, TicketNote, TicketUpdate } from '../../shared/api/tickets';
import { fuzz, hostileString, hugeNumber, LONG, TEST_TIMEOUT_MS } from '../../tests/fuzz/kit';
import { contactOf, conversationOf, describeOnEachDatabase, type Harness } from './harness';
import { graphTemplates, startFakeGraph, TEST_SECRETS } from './meta/fake-graph';
import { envelope, messagesChange, metaOptions, runPending, sign, testClock } from './meta/helpers';

const keys = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape);

interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  /** Under /api/v1 unless listed in ROOT_ROUTES. */
  path: string;
  query?: string[];
  body?: string[];
  /** A request the route takes, which the fuzzer then spoils in a field or two (to get past validation). */
  valid?: (ids: Ids) => { id?: string; query?: Record<string, string>; body?: Record<string, unknown> };
}

/** Every route under /api/v1 (see server/src/routes/*.ts), with its query and body fields from the contract. */
const API_ROUTES: Route[] = [
  { method: 'POST', path: '/auth/login', body: keys(LoginRequest), valid: () => ({ body: { email: 'agent2@demo.test', password: 'demo-password' } }) },
  { method: 'POST', path: '/auth/refresh', body: ['refreshToken'] },
  { method: 'POST', path: '/auth/logout', body: ['refreshToken'] },
  { method: 'GET', path: '/me' },
  { method: 'GET', path: '/conversations', query: keys(ConversationListQuery), valid: () => ({ query: { state: 'open', view: 'mine', q: 'a', limit: '2' } }) },
  { method: 'GET', path: '/conversations/:id' },
  { method: 'GET', path: '/conversations/:id/messages', query: keys(MessageListQuery), valid: (ids) => ({ id: ids.conversation, query: { before: ids.message, limit: '5' } }) },
  { method: 'POST', path: '/conversations/:id/messages', body: keys(SendTextRequest), valid: (ids) => ({ id: ids.conversation, body: { text: 'Olá' } }) },
  { method: 'POST', path: '/conversations/:id/close', body: [] },
  { method: 'GET', path: '/conversations/views' },
  { method: 'POST', path: '/conversations/:id/assign', body: keys(AssignRequest), valid: (ids) => ({ id: ids.conversation, body: { assigneeId: ids.user } }) },
  { method: 'POST', path: '/conversations/:id/read', body: [], valid: (ids) => ({ id: ids.conversation }) },
  { method: 'GET', path: '/contacts/:id/conversations', query: keys(ContactConversationsQuery), valid: (ids) => ({ id: ids.contact, query: { before: ids.conversation, limit: '2' } }) },
  { method: 'GET', path: '/assignees' },
  { method: 'GET', path: '/admin/users' },
  // No valid request: a fuzzed deactivation of the suite's own users would only turn later requests into 401s.
  { method: 'POST', path: '/admin/users/:id/deactivate', body: [] },
  { method: 'POST', path: '/admin/users/:id/reactivate', body: [] },
  { method: 'GET', path: '/contacts', query: keys(ContactListQuery) },
  { method: 'GET', path: '/contacts/:id' },
  { method: 'GET', path: '/templates', query: keys(TemplateListQuery) },
  { method: 'POST', path: '/templates/sync', body: [] },
  {
    method: 'POST',
    path: '/template-sends',
    body: keys(TemplateSendRequest),
    valid: (ids) => ({ body: { contactId: ids.contact, templateId: ids.template, parameters: { '1': 'Elena', '2': 'A-1' }, maxWaitMinutes: 60, ticketId: ids.ticket } }),
  },
  { method: 'GET', path: '/tickets', query: keys(TicketListQuery), valid: (ids) => ({ query: { q: 'a', status: 'open', assignee: 'me', contactId: ids.contact, limit: '2' } }) },
  { method: 'GET', path: '/tickets/:id' },
  { method: 'PATCH', path: '/tickets/:id', body: keys(TicketUpdate), valid: (ids) => ({ id: ids.ticket, body: { status: 'pending', assigneeId: ids.user, priority: 'high' } }) },
  { method: 'POST', path: '/tickets/:id/notes', body: keys(TicketNote), valid: (ids) => ({ id: ids.ticket, body: { text: 'nota' } }) },
  { method: 'GET', path: '/supervisor/expiring', query: keys(ExpiringQuery) },
  { method: 'GET', path: '/consumption', query: keys(ConsumptionQuery), valid: () => ({ query: { from: '2026-01-01', to: '2026-02-01', groupBy: 'agent' } }) },
  { method: 'GET', path: '/events', query: ['lastEventId'] },
  { method: 'POST', path: '/sandbox/customer-messages', body: keys(SandboxCustomerMessage), valid: () => ({ body: { from: '+5511999990001', text: 'oi' } }) },
  { method: 'POST', path: '/sandbox/message-status', body: keys(SandboxMessageStatus), valid: (ids) => ({ body: { messageId: ids.message, status: 'failed', error: { code: '131047', message: 'x' } } }) },
  { method: 'POST', path: '/sandbox/clock', body: keys(SandboxClockAdvance) },
  { method: 'POST', path: '/attachments', body: ['file'] },
  { method: 'GET', path: '/attachments/:id/content' },
  { method: 'GET', path: '/admin/webhook-failures', query: keys(WebhookFailureQuery) },
  { method: 'POST', path: '/admin/webhook-failures/:id/replay', body: [] },
];
const ROOT_ROUTES: Route[] = [{ method: 'GET', path: '/health' }];

// ---- requests ---------------------------------------------------------------------------------

interface Ids {
  conversation: string;
  contact: string;
  template: string;
  ticket: string;
  user: string;
  message: string;
  tokens: Record<'administrator' | 'operator' | 'agent' | 'supervisor', string>;
}

interface GeneratedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** Percent-encodes anything, lone surrogates included (as UTF-8 of U+FFFD, what a client would send). */
function encode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** Header values a client can send at all (fetch refuses the rest before anything leaves). */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '').slice(0, 8192);

function requestArbitrary(ids: Ids, routes: Route[]) {
  const valid = fc.constantFrom<unknown>(
    ids.conversation, ids.contact, ids.template, ids.ticket, ids.user, ids.message, 'open', 'open,waiting', 'APPROVED', 'MARKETING',
    'pt_BR', 'agent', 'day', 'agent@demo.test', 'demo-password', '+5511999990001', 'Olá', 'delivered', 'failed', 60, 1, 10, true, false,
    '2026-01-01', '2026-01-01T00:00:00Z', { '1': 'Ana', '2': 'A-1' }, { link: 'https://example.com/a.jpg' }, { attachmentId: ids.message },
    { latitude: 1, longitude: 2 }, { code: 'x', message: 'y' },
  );
  const scalar = fc.oneof(
    { arbitrary: valid, weight: 5 },
    { arbitrary: hostileString, weight: 5 },
    { arbitrary: hugeNumber, weight: 2 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
  const value = fc.oneof(
    { arbitrary: scalar, weight: 8 },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 2 },
    { arbitrary: fc.dictionary(hostileString.map((s) => s.slice(0, 100)), scalar, { maxKeys: 3 }), weight: 1 },
    { arbitrary: fc.array(scalar, { maxLength: 3 }), weight: 1 },
  );
  const shaped = (fields: string[]) =>
    fc
      .tuple(fc.subarray(fields), fc.array(fc.tuple(hostileString.map((s) => s.slice(0, 50)), value), { maxLength: 2 }))
      .chain(([chosen, extra]) => fc.tuple(...chosen.map(() => value)).map((values) => Object.fromEntries([...chosen.map((k, i) => [k, values[i]]), ...extra])));
  const bodyOf = (route: Route) =>
    fc.oneof(
      { arbitrary: shaped(route.body ?? []).map((v) => JSON.stringify(v)), weight: 6 },
      { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), weight: 2 },
      { arbitrary: hostileString, weight: 1 },
      { arbitrary: fc.constantFrom('{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '{"maxWaitMinutes":1e999}', '{"a":1,"a":2}', '\uFEFF{}', '--zz\r\n\r\n--zz--'), weight: 1 },
    );
  const queryOf = (route: Route) =>
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...(route.query?.length ? route.query : ['q'])), hostileString.map((s) => s.slice(0, 50))), scalar), { maxLength: 4 })
      .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`).join('&'));
  const pathId = fc.oneof(
    { arbitrary: fc.constantFrom(ids.conversation, ids.contact, ids.ticket, ids.message, '1', '00000000-0000-4000-8000-000000000000').map(encode), weight: 3 },
    { arbitrary: hostileString.map((s) => encode(s.slice(0, 4000))), weight: 3 },
    { arbitrary: fc.constantFrom('%', '%FF', '%C0%80', '%E0%80', '..', '%2F', '%00'), weight: 1 },
  );
  const authorization = fc.oneof(
    // A role's current token, put in at send time (tokens are renewed when the sandbox clock moves past them).
    { arbitrary: fc.constantFrom(...Object.keys(ids.tokens)).map((role) => `Bearer @${role}@`), weight: 14 },
    { arbitrary: fc.constantFrom('', 'Bearer', 'Bearer ', 'Basic YTpi', `Bearer ${ids.tokens.agent}x`, 'Bearer e30.e30.', 'Bearer a.b.c'), weight: 2 },
    { arbitrary: hostileString.map((s) => `Bearer ${headerSafe(s)}`), weight: 1 },
  );
  const contentType = fc.constantFrom(
    'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'text/plain',
    'multipart/form-data; boundary=zz', 'multipart/form-data', 'application/x-www-form-urlencoded', 'application/octet-stream', '',
  );
  /** The route's valid request with up to two fields of its body or query replaced or removed. */
  const spoiled = (route: Route) => {
    const base = route.valid!(ids);
    const spoil = (fields: Record<string, unknown> | undefined) =>
      fields
        ? fc
            .array(fc.tuple(fc.constantFrom(...Object.keys(fields)), fc.option(value, { freq: 5 })), { maxLength: 2 })
            .map((changes) => {
              const copy: Record<string, unknown> = { ...fields };
              for (const [key, v] of changes) {
                if (v === null) delete copy[key];
                else copy[key] = v;
              }
              return copy;
            })
        : fc.constant(undefined);
    return fc.record({ body: spoil(base.body), query: spoil(base.query) }).map(({ body, query }) => ({
      id: base.id === undefined ? undefined : encode(base.id),
      body: body === undefined ? undefined : JSON.stringify(body),
      query:
        query === undefined
          ? undefined
          : Object.entries(query).map(([k, v]) => `${encode(k)}=${encode(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`).join('&'),
    }));
  };
  const noSpoil = fc.constant({ id: undefined, body: undefined, query: undefined } as { id?: string; body?: string; query?: string });
  return fc
    .constantFrom(...routes)
    .chain((route) =>
      fc.record({
        route: fc.constant(route),
        // Half the time, for routes that have one, a nearly valid request.
        near: route.valid ? fc.oneof(noSpoil, spoiled(route)) : noSpoil,
        // Rarely a method the route does not take.
        otherMethod: fc.oneof({ arbitrary: fc.constant(null), weight: 9 }, { arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'), weight: 1 }),
        id: pathId,
        query: fc.option(queryOf(route), { freq: 3 }),
        body: bodyOf(route),
        authorization: fc.option(authorization, { freq: 12 }),
        contentType: fc.option(contentType, { freq: 6 }),
        // fc.option: null once in `freq`.
        idempotencyKey: fc.option(fc.oneof(hostileString.map(headerSafe), fc.uuid()), { freq: 2 }),
        lastEventId: fc.option(fc.oneof(hostileString.map(headerSafe), fc.nat().map(String)), { freq: 2 }),
      }),
    )
    .map(({ route, near, otherMethod, id: randomId, query: randomQuery, body: randomBody, authorization, contentType, idempotencyKey, lastEventId }): GeneratedRequest => {
      const id = near.id ?? randomId;
      const query = near.query ?? randomQuery;
      const body = near.body ?? randomBody;
      const method = otherMethod ?? route.method;
      const headers: Record<string, string> = {};
      if (authorization !== null) headers.authorization = authorization;
      if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
      if (lastEventId !== null) headers['last-event-id'] = lastEventId;
      const withBody = method !== 'GET' && method !== 'OPTIONS';
      if (withBody) headers['content-type'] = contentType ?? 'application/json';
      const prefix = ROOT_ROUTES.includes(route) ? '' : '/api/v1';
      const path = `${prefix}${route.path.replace(':id', id)}${query === null ? '' : `?${query}`}`;
      return { method, path, headers, body: withBody ? body : undefined };
    });
}

async function send(url: string, request: GeneratedRequest, tokens?: Ids['tokens']): Promise<{ status: number; text: string }> {
  const controller = new AbortController();
  const headers = { ...request.headers };
  if (tokens && headers.authorization) headers.authorization = headers.authorization.replace(/^Bearer @(\w+)@$/, (_, role: keyof Ids['tokens']) => `Bearer ${tokens[role]}`);
  const response = await fetch(`${url}${request.path}`, { method: request.method, headers, body: request.body, signal: controller.signal });
  // An event stream does not end: its status and headers are the answer.
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    controller.abort();
    return { status: response.status, text: '' };
  }
  return { status: response.status, text: await response.text() };
}

/** Rows a request could add (not `events`/`outbox`, which background delivery of earlier sends moves). */
async function storedCounts(h: Harness): Promise<string> {
  const tables = ['messages', 'conversations', 'tickets', 'ticket_timeline', 'idempotency_keys', 'contacts', 'attachments', 'refresh_tokens', 'users', 'templates', 'conversation_reads'];
  const { rows } = await h.server.db.query<{ n: string }>(`SELECT concat_ws(',', ${tables.map((t) => `(SELECT count(*) FROM ${t})`).join(', ')}) AS n`);
  return rows[0]!.n;
}

const describeRequest = (r: GeneratedRequest) =>
  `${r.method} ${r.path.slice(0, 300)} headers=${JSON.stringify(r.headers).slice(0, 300)} body=${JSON.stringify(r.body?.slice(0, 300))}`;

describeOnEachDatabase(
  'fuzz: every API route',
  (h) => {
    const ids = {} as Ids;
    async function signIn() {
      ids.tokens = {
        administrator: await h.login('admin@demo.test'),
        operator: await h.login('operator@demo.test'),
        agent: await h.login('agent@demo.test'),
        supervisor: await h.login('supervisor@demo.test'),
      };
    }
    beforeAll(async () => {
      await signIn();
      const agent = ids.tokens.agent;
      ids.conversation = (await conversationOf(h, agent, 'Bruno Costa')).id;
      ids.contact = (await contactOf(h, agent, 'Elena Souza')).id;
      ids.template = (await h.api('/api/v1/templates?q=order_update&language=pt_BR', { token: agent })).body.items[0].id;
      ids.ticket = (await h.api('/api/v1/tickets', { token: agent })).body.items[0].id;
      ids.user = (await h.api('/api/v1/me', { token: agent })).body.id;
      ids.message = (await h.api(`/api/v1/conversations/${ids.conversation}/messages`, { token: agent })).body.items[0].id;
    });

    it(
      'never answers 5xx, and a refused request stores nothing',
      async () => {
        let requests = 0;
        const statuses = new Map<number, number>();
        await fuzz(requestArbitrary(ids, [...API_ROUTES, ...ROOT_ROUTES]), async (request) => {
          requests++;
          const before = await storedCounts(h);
          const { status, text } = await send(h.url, request, ids.tokens);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          // The sandbox clock moved: tokens may have expired, sign in again.
          if (request.path.startsWith('/api/v1/sandbox/clock') && status === 200) await signIn();
          expect(status, `${describeRequest(request)} → ${status} ${text.slice(0, 500)}`).toBeLessThan(500);
          if (status === 400 || status === 401 || status === 404 || status === 415) {
            expect(await storedCounts(h), `${describeRequest(request)} → ${status} changed stored data`).toBe(before);
          }
        });
        if (LONG) console.log(`fuzz: ${requests} requests, by status: ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);
        expect(requests).toBeGreaterThan(0);
        // The server still answers sanely afterwards.
        expect((await h.api('/health')).status).toBe(200);
      },
      TEST_TIMEOUT_MS,
    );
  },
  // Fuzzed logins must reach validation and sign-in, not only the rate limit.
  { loginRateLimit: { max: 1_000_000, timeWindowMs: 60_000 } },
);

// ---- provider webhooks ------------------------------------------------------------------------

const graph = await startFakeGraph();
graph.templates = graphTemplates();
const clock = testClock();
afterAll(() => graph.close());

describeOnEachDatabase(
  'fuzz: Meta webhook routes',
  (h) => {
    it(
      'never answers 5xx to verification or deliveries, signed or not, and applying them never throws',
      async () => {
        const text = fc.oneof(hostileString, fc.constantFrom('5511977770001', 'Cliente', 'text', 'image', 'reaction', 'read', 'failed'));
        const scalar = fc.oneof(text, hugeNumber, fc.integer(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
        const message = fc.record({ from: scalar, id: scalar, timestamp: scalar, type: scalar, text: fc.record({ body: scalar }) }, { requiredKeys: [] });
        const status = fc.record({ id: scalar, status: scalar, timestamp: scalar, recipient_id: scalar, errors: fc.array(fc.record({ code: scalar, title: scalar })) }, { requiredKeys: [] });
        const delivery = fc.oneof(
          { arbitrary: fc.tuple(fc.array(message, { maxLength: 2 }), fc.array(status, { maxLength: 2 }), scalar).map(([messages, statuses, name]) => JSON.stringify(envelope(messagesChange({ contacts: [{ profile: { name }, wa_id: name }], messages, statuses })))), weight: 5 },
          { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), weight: 2 },
          { arbitrary: hostileString, weight: 1 },
        );
        const request = fc.oneof(
          fc.record({ kind: fc.constant('verify' as const), mode: fc.option(text), token: fc.option(fc.oneof(text, fc.constant(TEST_SECRETS.verifyToken))), challenge: fc.option(text) }),
          fc.record({ kind: fc.constant('deliver' as const), body: delivery, signature: fc.oneof({ arbitrary: fc.constant<string | null>('good'), weight: 4 }, { arbitrary: fc.option(text.map(headerSafe)), weight: 1 }) }),
        );
        await fuzz(request, async (r) => {
          let response: Response;
          if (r.kind === 'verify') {
            const query = [['hub.mode', r.mode], ['hub.verify_token', r.token], ['hub.challenge', r.challenge]].filter(([, v]) => v !== null).map(([k, v]) => `${k}=${encode(v!)}`).join('&');
            response = await fetch(`${h.url}/webhooks/meta?${query}`);
          } else {
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            const signature = r.signature === 'good' ? sign(Buffer.from(r.body, 'utf8')) : (r.signature as string | null);
            if (signature !== null) headers['x-hub-signature-256'] = signature;
            response = await fetch(`${h.url}/webhooks/meta`, { method: 'POST', headers, body: r.body });
          }
          const body = await response.text();
          expect(response.status, `${JSON.stringify(r).slice(0, 600)} → ${response.status} ${body.slice(0, 300)}`).toBeLessThan(500);
          if (r.kind === 'deliver' && response.status === 200) await runPending(h);
        });
        expect((await h.api('/health')).status).toBe(200);
      },
      TEST_TIMEOUT_MS,
    );
  },
  metaOptions(graph, clock),
);
