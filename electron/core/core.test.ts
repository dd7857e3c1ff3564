import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopCore, type DesktopCore } from './core';
import { MemorySecureStore, MemoryStore, type Logger } from './ports';
import type { DesktopNotification } from '../../shared/ipc/notifications';
import { messageEvent, NOW, startFakeServer, USER, type FakeServer } from './testing/fake-server';

const quiet: Logger = { warn: () => undefined, error: () => undefined };

describe('desktop core against a fake server', () => {
  let fake: FakeServer;
  let core: DesktopCore;
  let secure: MemorySecureStore;
  let emitted: { channel: string; payload: unknown }[];
  let notified: DesktopNotification[];

  const waitFor = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  };

  beforeEach(async () => {
    fake = await startFakeServer();
    secure = new MemorySecureStore();
    emitted = [];
    notified = [];
    core = createDesktopCore({
      secureStore: secure,
      settingsStore: new MemoryStore(),
      defaultServerUrl: fake.url,
      appInfo: { version: '1.0.0', platform: 'linux', host: 'web', systemLocale: 'pt-BR' },
      emit: (channel, payload) => emitted.push({ channel, payload }),
      notify: (n) => notified.push(n),
      log: quiet,
    });
  });

  afterEach(async () => {
    core.stop();
    fake.dropStreams();
    await fake.close();
  });

  const signIn = () => core.dispatch('auth:login', { serverUrl: fake.url, email: 'agent@demo.test', password: 'demo-password' });

  it('signs in and never lets a token out through IPC results or events', async () => {
    const result = await signIn();
    expect(result).toMatchObject({ ok: true, data: { email: 'agent@demo.test' } });
    const status = await core.dispatch('auth:status', undefined);
    expect(status).toMatchObject({ ok: true, data: { state: 'signedIn', serverUrl: fake.url } });
    const everything = JSON.stringify([result, status, emitted]);
    expect(everything).not.toMatch(/refresh-\d|access-\d/);
    expect(await secure.get('refreshToken')).toBe('refresh-1');
  });

  it('maps a refusal to its code and an unreachable server to NETWORK_ERROR', async () => {
    const wrong = await core.dispatch('auth:login', { serverUrl: fake.url, email: 'agent@demo.test', password: 'x' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS', status: 401 } });
    const down = await core.dispatch('auth:login', { serverUrl: 'http://127.0.0.1:9', email: 'a@b.c', password: 'x' });
    expect(down).toMatchObject({ ok: false, error: { code: 'NETWORK_ERROR' } });
    const bad = await core.dispatch('auth:login', { serverUrl: 'ftp://x', email: 'a@b.c', password: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_SERVER_URL' } });
    // Tokens never travel in clear to another computer, and a script URL is no server.
    for (const serverUrl of ['http://helpdesk.example.com', 'javascript:alert(1)', 'https://u:p@helpdesk.example.com']) {
      expect(await core.dispatch('auth:login', { serverUrl, email: 'a@b.c', password: 'x' }), serverUrl).toMatchObject({ ok: false, error: { code: 'INVALID_SERVER_URL' } });
    }
    const stored = await core.dispatch('settings:update', { serverUrl: 'javascript:alert(1)' });
    expect(stored).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(INVALID_SERVER_URL|INVALID_REQUEST)$/) } });
    expect(await core.dispatch('settings:update', { allowInsecureServer: true })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await core.dispatch('settings:get', undefined)).toMatchObject({ ok: true, data: { values: { serverUrl: fake.url, allowInsecureServer: false } } });
    await signIn();
    expect(await core.dispatch('contacts:get', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refreshes once on 401 and retries the call; concurrent calls share that one refresh', async () => {
    await signIn();
    fake.validTokens.clear(); // the access token expired
    const results = await Promise.all([1, 2, 3].map(() => core.dispatch('conversations:list', {})));
    for (const r of results) expect(r.ok).toBe(true);
    expect(fake.refreshCount).toBe(1);
    expect(await secure.get('refreshToken')).toBe('refresh-2');
  });

  it('retries a template send cut off by the network with the same idempotency key', async () => {
    await signIn();
    fake.dropTemplateSends = 2;
    const result = await core.dispatch('templates:send', {
      contactId: 'k1', templateId: 't1', parameters: { '1': 'Elena' }, maxWaitMinutes: 60, idempotencyKey: 'send-key-0001',
    });
    expect(result).toMatchObject({ ok: true, data: { conversation: { state: 'waiting' } } });
    expect(fake.idempotencyKeys).toEqual(['send-key-0001', 'send-key-0001', 'send-key-0001']);
  });

  it('signs out with reason "expired" when the refresh is refused', async () => {
    await signIn();
    fake.validTokens.clear();
    fake.refreshWorks = false;
    const result = await core.dispatch('conversations:list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'SESSION_EXPIRED' } });
    expect(emitted).toContainEqual({ channel: 'event:session', payload: { state: 'signedOut', reason: 'expired' } });
    expect(await secure.get('refreshToken')).toBeNull();
    expect(await core.dispatch('conversations:list', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('streams server events and resumes with Last-Event-ID after a dropped connection', async () => {
    await signIn();
    const serverEvents = () => emitted.filter((e) => e.channel === 'event:server').map((e) => (e.payload as { message: { text: string } }).message.text);
    await waitFor(() => fake.calls.some((c) => c.path === '/api/v1/events'));
    await waitFor(() => emitted.some((e) => e.channel === 'event:connection' && (e.payload as { state: string }).state === 'online'));
    fake.push(7, messageEvent(7, 'first'));
    await waitFor(() => serverEvents().length === 1);
    fake.dropStreams();
    await waitFor(() => fake.calls.filter((c) => c.path === '/api/v1/events').length === 2);
    expect(fake.calls.filter((c) => c.path === '/api/v1/events').at(-1)!.lastEventId).toBe('7');
    await waitFor(() => emitted.filter((e) => e.channel === 'event:connection').length >= 3);
    fake.push(8, messageEvent(8, 'second'));
    await waitFor(() => serverEvents().length === 2);
    expect(serverEvents()).toEqual(['first', 'second']);
    expect(emitted.map((e) => e.channel === 'event:connection' && (e.payload as { state: string }).state)).toContain('offline');
  });

  it('ignores events that do not match the contract', async () => {
    await signIn();
    await waitFor(() => emitted.some((e) => e.channel === 'event:connection' && (e.payload as { state: string }).state === 'online'));
    fake.push(1, { type: 'message.created', nonsense: true });
    fake.push(2, messageEvent(2, 'valid'));
    await waitFor(() => emitted.some((e) => e.channel === 'event:server'));
    expect(emitted.filter((e) => e.channel === 'event:server')).toHaveLength(1);
  });

  it('refuses unknown channels and payloads that do not match the contract before any handler runs', async () => {
    expect(await core.dispatch('shell:exec', 'rm -rf /')).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await core.dispatch('auth:login', { email: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await core.dispatch('conversations:get', { id: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(fake.calls).toHaveLength(0);
  });

  /** A second core on the same secure store: the app started again. */
  const restartedCore = async () => {
    const again = createDesktopCore({
      secureStore: secure,
      settingsStore: new MemoryStore(),
      appInfo: { version: '1', platform: 'linux', host: 'web', systemLocale: 'en' },
      emit: () => undefined,
      notify: () => undefined,
      log: quiet,
    });
    await again.start();
    return again;
  };

  it('restores a session from the secure store at start', async () => {
    await signIn();
    const again = await restartedCore();
    expect(await again.dispatch('auth:status', undefined)).toMatchObject({ ok: true, data: { state: 'signedIn' } });
    again.stop();
  });

  it('says the session expired when the stored one is refused at start', async () => {
    await signIn();
    fake.refreshWorks = false;
    const again = await restartedCore();
    expect(await again.dispatch('auth:status', undefined)).toEqual({ ok: true, data: { state: 'signedOut', reason: 'expired' } });
    expect(await secure.get('refreshToken')).toBeNull();
    again.stop();
  });

  it('never sends a stored refresh token to an http address on another computer', async () => {
    await signIn();
    // Stored by an older version (or before IT policy turned allowInsecureServer off).
    await secure.set('serverUrl', 'http://helpdesk.example.test');
    const before = fake.calls.length;
    const again = await restartedCore();
    expect(await again.dispatch('auth:status', undefined)).toMatchObject({ ok: true, data: { state: 'signedOut' } });
    expect(fake.calls.length).toBe(before);
    expect(await secure.get('refreshToken')).toBeNull();
    again.stop();
  });

  it('keeps settings, validated', async () => {
    expect(await core.dispatch('settings:get', undefined)).toMatchObject({ ok: true, data: { values: { serverUrl: fake.url, language: 'system' }, managed: [] } });
    expect(await core.dispatch('settings:update', { language: 'es' })).toMatchObject({ ok: true, data: { values: { language: 'es' } } });
    expect(await core.dispatch('settings:update', { language: 'klingon' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it("notifies the agent, in the user's language, when a customer answers their waiting template", async () => {
    const waiting = { ...messageEvent(1, 'x', USER.id).conversation, state: 'waiting', windowExpiresAt: null, autoCloseAt: '2026-11-26T11:00:00.000Z' };
    fake.conversations = [waiting];
    await signIn();
    await waitFor(() => emitted.some((e) => e.channel === 'event:connection' && (e.payload as { state: string }).state === 'online'));
    await waitFor(() => core.deadlines.engine.get('c1') !== undefined);
    const reply = messageEvent(9, 'Sim, pode enviar', USER.id);
    fake.push(9, { ...reply, conversation: { ...reply.conversation, windowExpiresAt: '2026-11-26T12:00:00.000Z', lastMessageAt: NOW } });
    await waitFor(() => notified.length === 1);
    expect(notified[0]).toMatchObject({ kind: 'customer_replied', title: 'Bruno Costa respondeu', conversationId: 'c1' });
    expect(core.counts().unread).toBe(1);
    await core.dispatch('notifications:seen', undefined);
    expect(core.counts().unread).toBe(0);
  });
});
