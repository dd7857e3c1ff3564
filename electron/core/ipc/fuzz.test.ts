/**
 * Fuzz suite (issue 13), IPC half: for every IPC channel, generated payloads never throw past the
 * dispatch and never reach a handler unvalidated. Property-based with fast-check on a fixed seed
 * (FUZZ_SEED to change it, printed with any failure, which fast-check also shrinks). The server
 * half is server/test/fuzz.test.ts; both take their run settings, runner and hostile values from
 * tests/fuzz/kit.ts.
 *
 * Payloads are JSON-ish and structured-clone values (what the web host's WebSocket and Electron's
 * IPC can deliver), hostile strings, prototype-pollution shapes, and each channel's valid payload
 * spoiled in a field or two (so that many get past validation and reach the handler).
 * Channels are every one of the contract plus unknown and hostile names, strings or not.
 *
 * - Through `createDispatch` with spy handlers: the answer is always a Result envelope; a handler
 *   runs exactly when its schema takes the payload, and gets what the schema made of it (plain
 *   objects only); unknown channels reach no handler; nothing pollutes a prototype.
 * - Through the real core (`createDesktopCore`, signed in against the fake server): every answer is
 *   a Result envelope, never UNKNOWN (a handler that crashed on input the contract took), never a
 *   network error except for auth:login's own server address, and an answer holds what the
 *   contract says that channel answers; afterwards the core still answers and still works.
 *
 * `npm test` runs a few seconds per property (at most 150 payloads per channel, stopped after
 * 4 s); `npm run fuzz` runs both halves, here 5000 payloads per channel (FUZZ_RUNS to change it),
 * with no time limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from '../../../shared/api/errors';
import { AppError, invokeChannels, isInvokeChannel, type InvokeChannel, type InvokeInput } from '../../../shared/ipc/contract';
import { fuzz, hostileString, hugeNumber, LONG, RUNS, TEST_TIMEOUT_MS } from '../../../tests/fuzz/kit';
import { createDesktopCore, type DesktopCore } from '../core';
import { ApiError } from '../errors';
import { MemorySecureStore, MemoryStore, type Logger } from '../ports';
import { C1, K1, startFakeServer, USER_ID, type FakeServer } from '../testing/fake-server';
import { createDispatch } from './dispatch';
import type { HandlerMap } from './handlers';

const quiet: Logger = { warn: () => undefined, error: () => undefined };
const CHANNELS = Object.keys(invokeChannels) as InvokeChannel[];
/** RUNS payloads per channel, on average. */
const RUNS_PER_PROPERTY = RUNS * CHANNELS.length;

/** An upload id the real-core property swaps for the upload it began last (ids are random UUIDs). */
const UPLOAD_ID = '00000000-0000-4000-8000-000000000001';

/** A payload every channel takes (the fake server knows c1, k1, t1, u1, img1, and C1, K1, USER_ID for the team inbox). */
function validInputs(serverUrl: string): { [C in InvokeChannel]: InvokeInput<C> } {
  return {
    'app:info': undefined,
    'settings:get': undefined,
    'settings:update': { language: 'es', notifyLeadMinutes: [30, 5], quietHoursStart: '21:00', closeToTray: false },
    'auth:status': undefined,
    'connection:status': undefined,
    'auth:login': { serverUrl, email: 'agent@demo.test', password: 'demo-password' },
    'auth:logout': undefined,
    'conversations:list': { state: ['open', 'waiting'], mine: true, q: 'a', limit: 2, cursor: 'x' },
    'conversations:get': { id: 'c1' },
    'messages:list': { conversationId: 'c1', before: 'm1', limit: 5 },
    'contacts:list': { q: 'a', limit: 2 },
    'contacts:get': { id: 'k1' },
    'messages:send': { conversationId: 'c1', text: 'Olá', attachmentId: 'a1' },
    'attachments:begin': { fileName: 'a.txt', mimeType: 'text/plain', size: 3 },
    'attachments:chunk': { uploadId: UPLOAD_ID, offset: 0, data: 'YWJj' },
    'attachments:finish': { uploadId: UPLOAD_ID },
    'attachments:cancel': { uploadId: UPLOAD_ID },
    'media:open': { attachmentId: 'img1' },
    'conversations:close': { id: 'c1' },
    'templates:list': { q: 'order', language: 'pt_BR', category: 'UTILITY', includeUnsendable: true },
    'templates:send': {
      contactId: 'k1',
      templateId: 't1',
      parameters: { '1': 'Elena', '2': 'A-1' },
      maxWaitMinutes: 60,
      ticketId: 't1',
      headerMedia: { link: 'https://example.com/a.jpg' },
      headerLocation: { latitude: 1, longitude: 2, name: 'Loja' },
      idempotencyKey: 'send-key-0001',
    },
    'tickets:get': { id: 't1' },
    'tickets:list': { q: 'a', status: ['open'], assignee: 'me', contactId: 'k1', cursor: 'x', limit: 2 },
    'tickets:update': { id: 't1', status: 'pending', priority: 'high', assigneeId: 'u1' },
    'consumption:report': { groupBy: 'agent', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00-03:00' },
    'supervisor:expiring': { withinMinutes: 60 },
    'notifications:seen': undefined,
    'tickets:addNote': { id: 't1', text: 'nota' },
    'conversations:views': undefined,
    'conversations:assign': { id: C1, assigneeId: USER_ID },
    'conversations:read': { id: C1 },
    'contacts:conversations': { contactId: K1, before: C1, limit: 5 },
    'assignees:list': undefined,
    'drafts:get': { conversationId: 'c1' },
    'drafts:set': { conversationId: 'c1', text: 'Olá' },
    'templates:quote': { contactId: 'k1', templateId: 't1' },
    'consumption:csv': { groupBy: 'market', from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
    'pricing:rateCards': undefined,
    'pricing:loadRateCard': { csv: 'Market,Currency,Marketing,Utility,Authentication\nBrazil,USD,0.0625,0.0068,0.0068\n', effectiveFrom: '2026-01-01' },
    'pricing:budgets': undefined,
    'pricing:setBudgets': { budgets: [{ category: 'MARKETING', amount: 10, currency: 'USD' }] },
  };
}

// ---- generated payloads -----------------------------------------------------------------------

/** An object with `key` as its own property even for `__proto__` (as JSON.parse and structured clone make it). */
function withOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

const POLLUTERS = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"},"toString":1,"valueOf":1,"hasOwnProperty":1}',
  '[{"__proto__":{"polluted":"yes"}}]',
];
const polluter = fc.constantFrom(...POLLUTERS).map((text) => JSON.parse(text) as unknown);
const riskyKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then');

/** Values IPC can carry besides JSON: Electron's structured clone (the web host's JSON.parse gives a subset). */
const cloneable = fc.oneof(
  fc.constantFrom<unknown>(undefined, NaN, Infinity, -Infinity, -0, 10n ** 30n, new Date(NaN), new Uint8Array([1, 2, 3]), new Map([['a', 1]]), new Set(['open'])),
  fc.date({ noInvalidDate: true }),
  fc.constant(null).map(() => {
    const cyclic: Record<string, unknown> = { id: 'c1' };
    cyclic.self = cyclic;
    return cyclic;
  }),
  // A sparse array: holes where the schema looks for values.
  fc.constant(null).map(() => Array.from<unknown>({ length: 3 }).concat(['open']).slice(1)),
);

function payloadArbitraries(valid: Record<InvokeChannel, unknown>) {
  const known = fc.constantFrom<unknown>(
    'c1', 'k1', 't1', 'u1', 'm1', 'a1', 'img1', UPLOAD_ID, C1, K1, USER_ID, 'open', 'waiting', 'pending', 'high', 'agent', 'day', 'UTILITY', 'pt_BR', 'me',
    'Olá', 'YWJj', 'es', 'system', '21:00', '2026-01-01T00:00:00Z', 'https://example.com/a.jpg', 'send-key-0001', 'agent@demo.test',
    'demo-password', 60, 1, 0, 3, 100, 200, true, false, ['open'], [30, 5], { '1': 'Ana' }, { link: 'https://example.com/a.jpg' },
    { attachmentId: 'a1' }, { latitude: 1, longitude: 2 },
  );
  const scalar = fc.oneof(
    { arbitrary: known, weight: 5 },
    { arbitrary: hostileString, weight: 4 },
    // Hostile, but long enough for a minimum length (an idempotency key's 8), so it gets further.
    { arbitrary: hostileString.map((s) => `${s.slice(0, 50)}${s.slice(0, 50)}-padding`), weight: 2 },
    { arbitrary: hugeNumber, weight: 2 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: cloneable, weight: 1 },
  );
  const key = fc.oneof({ arbitrary: hostileString.map((s) => s.slice(0, 100)), weight: 3 }, { arbitrary: riskyKey, weight: 1 });
  const value = fc.oneof(
    { arbitrary: scalar, weight: 8 },
    { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 2 },
    { arbitrary: fc.array(fc.tuple(key, scalar), { maxLength: 3 }).map((pairs) => pairs.reduce((o, [k, v]) => withOwn(o, k, v), {} as Record<string, unknown>)), weight: 1 },
    { arbitrary: fc.array(scalar, { maxLength: 3 }), weight: 1 },
    { arbitrary: polluter, weight: 1 },
  );
  /** The channel's valid payload with up to two fields replaced, removed or added (any field of its schema, or another). */
  const spoiled = (channel: InvokeChannel) => {
    const base = valid[channel];
    const schema = invokeChannels[channel].input as unknown as { shape?: Record<string, unknown> };
    const fields = [...new Set([...Object.keys(base ?? {}), ...Object.keys(schema.shape ?? {})])];
    const field = fields.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...fields), weight: 6 }, { arbitrary: key, weight: 1 }) : key;
    // Often a value of the right kind for some field, so that many spoiled payloads still pass and reach the handler.
    const replacement = fc.oneof({ arbitrary: known, weight: 2 }, { arbitrary: value, weight: 3 });
    return fc.array(fc.tuple(field, fc.option(replacement, { freq: 5 })), { minLength: 1, maxLength: 2 }).map((changes) => {
      if (base === undefined || base === null || typeof base !== 'object') return changes[0]![1];
      const copy: Record<string, unknown> = { ...(base as Record<string, unknown>) };
      for (const [k, v] of changes) {
        if (v === null) delete copy[k];
        else withOwn(copy, k, v);
      }
      return copy;
    });
  };
  /** The payload arbitrary of one channel: valid, nearly valid, or anything at all. */
  return (channel: InvokeChannel) =>
    fc.oneof(
      { arbitrary: fc.constant(valid[channel]), weight: 2 },
      { arbitrary: spoiled(channel), weight: 6 },
      { arbitrary: value, weight: 2 },
      { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
      { arbitrary: fc.anything({ maxDepth: 2, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }), weight: 1 },
    );
}

/** Names no handler may answer: lookalikes of real channels, Object.prototype's members, huge strings, non-strings. */
const hostileChannel = fc.oneof(
  fc.constantFrom<unknown>(
    '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', 'prototype',
    'app:info ', ' app:info', 'APP:INFO', 'app:info\u0000', 'app:', ':info', 'app', 'app:info:x', 'event:server', 'event:session',
    'auth:login\n', 'tickets:addNote'.repeat(10_000), 'x'.repeat(1 << 20), '',
  ),
  hostileString,
  fc.constantFrom<unknown>(null, undefined, 0, NaN, true, 1n, Symbol('app:info'), ['app:info'], new String('app:info'), { toString: () => 'app:info' }),
  fc.constant(null).map(() => Object.create(null) as unknown),
  polluter,
  fc.jsonValue({ maxDepth: 2 }),
);

// ---- checks -----------------------------------------------------------------------------------

const Envelope = z.union([z.object({ ok: z.literal(true), data: z.unknown() }).strict(), z.object({ ok: z.literal(false), error: AppError }).strict()]);
type Envelope = z.infer<typeof Envelope>;

const describeValue = (value: unknown) => {
  try {
    return (JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value)).slice(0, 300);
  } catch {
    return `<${Object.prototype.toString.call(value)}>`;
  }
};
const describeCase = (channel: unknown, payload: unknown) =>
  `${typeof channel === 'string' ? JSON.stringify(channel.slice(0, 100)) : `<${typeof channel}> ${describeValue(channel)}`} ${describeValue(payload)}`;

/** Calls dispatch and checks it settled to a Result envelope; a rejection fails with the case. */
async function settle(dispatch: (channel: unknown, payload: unknown) => Promise<unknown>, channel: unknown, payload: unknown): Promise<Envelope> {
  let answer: unknown;
  try {
    answer = await Promise.resolve().then(() => dispatch(channel, payload));
  } catch (error) {
    throw new Error(`dispatch threw for ${describeCase(channel, payload)}: ${String(error)}`);
  }
  const envelope = Envelope.safeParse(answer);
  expect(envelope.success, `not a Result envelope for ${describeCase(channel, payload)}: ${describeValue(answer)}`).toBe(true);
  return envelope.data!;
}

/** Every object in a handler's input is a plain object or array (no prototype taken from the payload). */
function plainThroughout(value: unknown, seen = new Set<unknown>()): boolean {
  if (value === null || typeof value !== 'object' || seen.has(value)) return true;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== Array.prototype) return false;
  return Object.values(value).every((v) => plainThroughout(v, seen));
}

const prototypes = [Object.prototype, Array.prototype, Function.prototype, String.prototype];
const prototypeKeys = () => prototypes.map((p) => Reflect.ownKeys(p).map(String).sort().join(',')).join('|');

function expectNoPollution(before: string, what: string) {
  expect(({} as Record<string, unknown>).polluted, `Object.prototype polluted by ${what}`).toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted, `Array.prototype polluted by ${what}`).toBeUndefined();
  expect(prototypeKeys(), `a prototype changed by ${what}`).toBe(before);
}

// ---- dispatch with spy handlers ---------------------------------------------------------------

/** What a spy handler does: answer something, or fail the ways handlers do. */
type Behaviour = { answer: unknown } | { failure: unknown };

/** A dispatch over handlers that note what they got and then do what `does` says. */
function spyDispatch() {
  const spy = { calls: [] as { channel: InvokeChannel; input: unknown }[], observed: [] as unknown[], does: { answer: null } as Behaviour };
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (input: unknown) => {
        spy.calls.push({ channel, input });
        if ('failure' in spy.does) throw spy.does.failure;
        return spy.does.answer;
      },
    ]),
  ) as unknown as HandlerMap;
  return { spy, dispatch: createDispatch(handlers, quiet, (data) => spy.observed.push(data)) };
}

describe('fuzz: IPC dispatch with spy handlers', () => {
  const valid = validInputs('http://127.0.0.1:4010');

  it('starts from payloads every channel takes, and each reaches its own handler', async () => {
    const { spy, dispatch } = spyDispatch();
    for (const channel of CHANNELS) {
      const parsed = invokeChannels[channel].input.safeParse(valid[channel]);
      expect(parsed.success, `${channel}: ${parsed.error?.message}`).toBe(true);
      spy.calls.length = 0;
      expect(await dispatch(channel, valid[channel])).toEqual({ ok: true, data: null });
      expect(spy.calls, channel).toEqual([{ channel, input: parsed.data }]);
    }
  });

  it('refuses, without a handler, what the fuzzing found getting through', async () => {
    const { spy, dispatch } = spyDispatch();
    const refused = { ok: false, error: { code: 'INVALID_REQUEST', message: expect.any(String) } };
    // A channel String() cannot print (the log line used to throw past dispatch).
    expect(await dispatch(Object.create(null), undefined)).toEqual(refused);
    expect(await dispatch(JSON.parse('{"toString":1}'), undefined)).toEqual(refused);
    // An id encodeURIComponent cannot encode (the handler failed with UNKNOWN "URI malformed").
    expect(await dispatch('conversations:close', { id: 'x\uDC00' })).toEqual(refused);
    // An idempotency key fetch refuses as a header (NETWORK_ERROR after four tries).
    expect(await dispatch('templates:send', { ...valid['templates:send'], idempotencyKey: 'chave\u0000\u0000\u0000' })).toEqual(refused);
    expect(await dispatch('templates:send', { ...valid['templates:send'], idempotencyKey: 'ключ-ключ' })).toEqual(refused);
    expect(spy.calls).toEqual([]);
  });

  it(
    'always answers a Result envelope, and a handler runs exactly when its schema takes the payload, with what the schema made of it',
    async () => {
      const payloadOf = payloadArbitraries(valid);
      const behaviour = fc.oneof(
        { arbitrary: fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 2 })).map((answer): Behaviour => ({ answer })), weight: 3 },
        {
          arbitrary: fc
            .oneof(
              fc.tuple(fc.constantFrom(...(ERROR_CODES as ErrorCode[])), hostileString).map(([code, message]) => ApiError.of(code, message)),
              hostileString.map((message) => new Error(message)),
              fc.constantFrom<unknown>(new TypeError('fetch failed'), 'a string', undefined, null, { code: 'NOT_FOUND' }, { code: 'NOPE', message: 5 }),
            )
            .map((failure): Behaviour => ({ failure })),
          weight: 1,
        },
      );
      const cases = fc.oneof(
        { arbitrary: fc.constantFrom(...CHANNELS).chain((channel) => fc.record({ channel: fc.constant<unknown>(channel), payload: payloadOf(channel), does: behaviour })), weight: 8 },
        { arbitrary: fc.record({ channel: hostileChannel, payload: payloadOf('auth:login'), does: behaviour }), weight: 1 },
      );
      const { spy, dispatch } = spyDispatch();
      const before = prototypeKeys();
      let count = 0;
      let reached = 0;

      await fuzz(
        cases,
        async ({ channel, payload, does }) => {
          count++;
          spy.calls.length = 0;
          spy.observed.length = 0;
          spy.does = does;
          const what = describeCase(channel, payload);
          const expected = isInvokeChannel(channel) ? invokeChannels[channel].input.safeParse(payload) : null;
          const result = await settle(dispatch, channel, payload);
          expectNoPollution(before, what);

          if (!expected?.success) {
            expect(spy.calls, `a handler ran for ${what}`).toEqual([]);
            expect(result, what).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
            return;
          }
          reached++;
          expect(spy.calls.map((c) => c.channel), what).toEqual([channel]);
          const input = spy.calls[0]!.input;
          const again = invokeChannels[channel as InvokeChannel].input.safeParse(input);
          expect(again.success, `${channel as string} handler got what its schema refuses: ${describeValue(input)}`).toBe(true);
          expect(input, what).toEqual(expected.data);
          expect(plainThroughout(input), `${channel as string} handler got an object with a foreign prototype: ${what}`).toBe(true);
          if ('failure' in does) {
            expect(result.ok, what).toBe(false);
            if (does.failure instanceof ApiError) expect(result, what).toEqual({ ok: false, error: does.failure.appError });
            expect(spy.observed).toEqual([]);
          } else {
            expect(result, what).toEqual({ ok: true, data: does.answer });
            expect(spy.observed).toEqual([does.answer]);
          }
        },
        RUNS_PER_PROPERTY,
      );
      if (LONG) console.log(`fuzz: ${count} IPC cases through dispatch with spy handlers, ${reached} of them reached a handler`);
      expect(count).toBeGreaterThan(0);
    },
    TEST_TIMEOUT_MS,
  );
});

// ---- the real core ----------------------------------------------------------------------------

describe('fuzz: IPC through the real desktop core', () => {
  let fake: FakeServer;
  let core: DesktopCore;
  let dir: string;
  const opened: string[] = [];
  const refusedHosts = new Set<string>();

  beforeAll(async () => {
    fake = await startFakeServer();
    fake.media.set('img1', { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), type: 'image/png', disposition: 'inline; filename="photo.png"' });
    dir = mkdtempSync(join(tmpdir(), 'ipc-fuzz-'));
    // Nothing leaves this machine: fuzzed server addresses (auth:login) get a network error from
    // here instead of a DNS lookup or a request to whoever answers there.
    const localOnly: typeof fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.origin !== fake.url) {
        refusedHosts.add(url.origin);
        return Promise.reject(new TypeError('fetch failed (the fuzz test only reaches its fake server)'));
      }
      return fetch(input, init);
    };
    core = createDesktopCore({
      secureStore: new MemorySecureStore(),
      settingsStore: new MemoryStore(),
      defaultServerUrl: fake.url,
      appInfo: { version: '1.0.0', platform: 'linux', host: 'electron', systemLocale: 'pt-BR' },
      emit: () => undefined,
      notify: () => undefined,
      log: quiet,
      fetch: localOnly,
      mediaCache: { dir: join(dir, 'cache') },
      // media:open writes the file under the test's folder and "opens" it by noting its path,
      // instead of handing it to the computer's default app (Electron's shell.openPath).
      openFiles: { dir: join(dir, 'opened'), opener: { open: async (path) => void opened.push(path) } },
    });
  });

  afterAll(async () => {
    core?.stop();
    fake?.dropStreams();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const signIn = async () => {
    const result = await core.dispatch('auth:login', { serverUrl: fake.url, email: 'agent@demo.test', password: 'demo-password' });
    expect(result, 'sign-in').toMatchObject({ ok: true });
  };

  it(
    'always answers a Result envelope on every channel, and still answers afterwards',
    async () => {
      await signIn();
      const valid = validInputs(fake.url);
      const payloadOf = payloadArbitraries(valid);
      // Every channel runs for real: nothing external happens (fetch reaches only the fake server,
      // files open into the test's folder), so none is skipped.
      const cases = fc.oneof(
        { arbitrary: fc.constantFrom(...CHANNELS).chain((channel) => fc.record({ channel: fc.constant<unknown>(channel), payload: payloadOf(channel) })), weight: 12 },
        { arbitrary: fc.record({ channel: hostileChannel, payload: payloadOf('auth:login') }), weight: 1 },
      );
      const before = prototypeKeys();
      let lastUpload: string | null = null;
      let current = '';
      const codes = new Map<string, number>();
      onTestFailed(() => console.error(`fuzz: the IPC case in flight was ${current}`));

      await fuzz(
        cases,
        async ({ channel, payload: generated }) => {
          // Chunks, finish and cancel go to the upload begun last (upload ids are random).
          let payload = generated;
          const upload = (generated as { uploadId?: unknown } | null)?.uploadId;
          if (lastUpload && upload === UPLOAD_ID && typeof generated === 'object' && !Array.isArray(generated)) payload = withOwn({ ...(generated as object) }, 'uploadId', lastUpload);
          current = describeCase(channel, payload);
          const result = await settle(core.dispatch, channel, payload);
          expectNoPollution(before, current);
          const code = result.ok ? 'ok' : result.error.code;
          codes.set(code, (codes.get(code) ?? 0) + 1);
          // UNKNOWN is what an unexpected throw in a handler becomes (the fake server's answers are
          // all well-formed): input the contract took must not crash the core.
          expect(code, `${current} → ${describeValue(result)}`).not.toBe('UNKNOWN');
          // The fake server is up: only auth:login, which picks the server, may not reach it.
          if (code === 'NETWORK_ERROR' || code === 'TIMEOUT') expect(channel, `${current} → ${describeValue(result)}`).toBe('auth:login');
          if (result.ok) {
            const output = invokeChannels[channel as InvokeChannel].output.safeParse(result.data);
            expect(output.success, `${current} → an answer outside the contract: ${describeValue(result)}`).toBe(true);
          }
          if (channel === 'attachments:begin' && result.ok) lastUpload = (result.data as { uploadId: string }).uploadId;
          // A fuzzed auth:logout (or a refused refresh) signed out: sign in again, so later cases reach the handlers' real work.
          if (core.session.status().state !== 'signedIn') await signIn();
        },
        RUNS_PER_PROPERTY,
      );
      current = 'the checks after the fuzzing';
      if (LONG) console.log(`fuzz: IPC through the core, answers by code: ${JSON.stringify(Object.fromEntries([...codes].sort()))}; ${refusedHosts.size} other server addresses refused`);
      expect(codes.size).toBeGreaterThan(0);

      // The core still answers, and still does real work.
      expect(await core.dispatch('auth:status', undefined)).toMatchObject({ ok: true, data: { state: 'signedIn', serverUrl: fake.url } });
      expect(await core.dispatch('conversations:list', {})).toMatchObject({ ok: true, data: { items: [] } });
      expect(await core.dispatch('app:info', undefined)).toMatchObject({ ok: true, data: { version: '1.0.0' } });
      expect(await core.dispatch('settings:get', undefined)).toMatchObject({ ok: true });
      expect(await core.dispatch('auth:logout', undefined)).toEqual({ ok: true, data: null });
      expect(await core.dispatch('auth:status', undefined)).toMatchObject({ ok: true, data: { state: 'signedOut' } });
      // Signed in again (sign-out dropped any upload the fuzzing left open), a file still goes up.
      await signIn();
      const begun = await core.dispatch('attachments:begin', { fileName: 'a.txt', mimeType: 'text/plain', size: 3 });
      expect(begun, 'a new upload after the fuzzing').toMatchObject({ ok: true });
      const { uploadId } = (begun as { data: { uploadId: string } }).data;
      expect(await core.dispatch('attachments:chunk', { uploadId, offset: 0, data: 'YWJj' })).toEqual({ ok: true, data: { received: 3 } });
      expect(await core.dispatch('attachments:finish', { uploadId })).toMatchObject({ ok: true, data: { fileName: 'a.txt', size: 3 } });
      const openedBefore = opened.length;
      expect(await core.dispatch('media:open', { attachmentId: 'img1' })).toEqual({ ok: true, data: null });
      expect(opened).toHaveLength(openedBefore + 1);
    },
    TEST_TIMEOUT_MS,
  );
});
