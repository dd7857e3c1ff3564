/**
 * A fake `window.api` for looking at the renderer without the core or the server. `installMockApi`
 * runs in the page (Playwright `addInitScript`), so it may use nothing from outside its body but
 * its argument: only `import type` above. It answers every invoke channel from the seed, in the
 * Result envelope, and exposes `window.__mock.emit(channel, payload)` to push live events.
 */
import type { ErrorCode } from '../../shared/api/errors';
import type { Conversation, Message } from '../../shared/api/schemas';
import type { AppError, DesktopApi, EventChannel, InvokeChannel, InvokeInput, InvokeOutput, Result, Settings } from '../../shared/ipc/contract';
import type { MockSeed } from './demo-data';

type Handlers = { [C in InvokeChannel]?: (input: InvokeInput<C>) => InvokeOutput<C> };

export interface MockControl {
  emit(channel: EventChannel, payload: unknown): void;
  /** Appends an inbound message to a conversation and emits `message.created`, as the core would. */
  customerWrites(conversationId: string, text: string): void;
}

export function installMockApi(seed: MockSeed): void {
  const { options } = seed;
  const serverTime = () => new Date().toISOString();
  const state = {
    signedIn: options.signedIn,
    settings: { serverUrl: 'http://127.0.0.1:4010', language: options.language } as Settings,
    conversations: seed.conversations.map((c) => ({ ...c })),
    messages: seed.messages,
  };
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
  class Refusal {
    constructor(readonly error: AppError) {}
  }
  const fail = (code: ErrorCode): never => {
    throw new Refusal(seed.errors[code] ?? { code, message: code });
  };
  const conversation = (id: string) => state.conversations.find((c) => c.id === id) ?? fail('NOT_FOUND');
  const contact = (id: string) => seed.contacts.find((c) => c.id === id) ?? fail('NOT_FOUND');
  const ticket = (id: string) => seed.tickets.find((t) => t.id === id) ?? fail('NOT_FOUND');
  const byActivity = (a: Conversation, b: Conversation) => Date.parse(b.lastMessageAt ?? '0') - Date.parse(a.lastMessageAt ?? '0');

  const handlers: Handlers = {
    'app:info': () => ({ version: '0.1.0-dev', platform: 'linux', host: 'web', systemLocale: options.systemLocale }),
    'settings:get': () => state.settings,
    'settings:update': (input) => (state.settings = { ...state.settings, ...input }),
    'auth:status': () => (state.signedIn ? { state: 'signedIn', user: seed.user, serverUrl: state.settings.serverUrl } : { state: 'signedOut' }),
    'auth:login': (input) => {
      if (options.loginError) fail(options.loginError);
      state.signedIn = true;
      state.settings = { ...state.settings, serverUrl: input.serverUrl };
      return seed.user;
    },
    'auth:logout': () => {
      state.signedIn = false;
      setTimeout(() => emit('event:session', { state: 'signedOut', reason: 'logout' }));
      return null;
    },
    'conversations:list': (input) => {
      if (options.inboxError) fail(options.inboxError);
      const q = (input.q ?? '').toLowerCase();
      const items = options.emptyInbox
        ? []
        : state.conversations.filter((c) => !q || c.contact.name.toLowerCase().includes(q) || (c.contact.phone ?? '').includes(q)).sort(byActivity);
      return { items, nextCursor: null, serverTime: serverTime() };
    },
    'conversations:get': ({ id }) => ({ ...conversation(id), serverTime: serverTime() }),
    'messages:list': ({ conversationId }) => ({ items: state.messages[conversationId] ?? [], serverTime: serverTime() }),
    'contacts:list': ({ q }) => ({
      items: seed.contacts.filter((c) => !q || c.name.toLowerCase().includes(q.toLowerCase())),
      serverTime: serverTime(),
    }),
    'contacts:get': ({ id }) => ({ ...contact(id), serverTime: serverTime() }),
    'templates:list': () => ({ items: seed.templates, serverTime: serverTime() }),
    'tickets:get': ({ id }) => ({ ...ticket(id), serverTime: serverTime() }),
    'tickets:list': () => ({ items: seed.tickets, nextCursor: null, serverTime: serverTime() }),
  };

  const invoke = async (channel: InvokeChannel, input: unknown): Promise<Result<unknown>> => {
    // A little latency, so loading states render as they would over IPC.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const handler = handlers[channel] as ((input: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: { code: 'UNKNOWN', message: `mock: ${channel} is not faked` } };
    try {
      return { ok: true, data: handler(input) };
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, error: error.error };
      return { ok: false, error: { code: 'UNKNOWN', message: String(error) } };
    }
  };

  const api: Record<string, Record<string, unknown>> = { on: {} };
  for (const channel of seed.channels as InvokeChannel[]) {
    const [feature, action] = channel.split(':') as [string, string];
    api[feature] ??= {};
    api[feature][action] = (input?: unknown) => invoke(channel, input);
  }
  for (const channel of ['event:server', 'event:connection', 'event:session']) {
    api.on![channel.slice('event:'.length)] = (listener: (payload: unknown) => void) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      // Like the core after sign-in, a new subscriber soon learns where the event stream stands.
      if (channel === 'event:connection') setTimeout(() => listener({ state: options.connection }), 100);
      return () => set.delete(listener);
    };
  }

  const control: MockControl = {
    emit,
    customerWrites(conversationId, text) {
      const c = conversation(conversationId);
      const message: Message = {
        id: `live-${Date.now()}`, conversationId, direction: 'inbound', kind: 'text', template: null,
        text, status: 'received', error: null, author: null, createdAt: serverTime(),
      };
      (state.messages[conversationId] ??= []).push(message);
      const next = { ...c, lastMessageAt: message.createdAt, lastMessage: { text, direction: 'inbound' as const, kind: 'text' as const, createdAt: message.createdAt } };
      state.conversations = state.conversations.map((x) => (x.id === conversationId ? next : x));
      emit('event:server', { type: 'message.created', id: message.id, serverTime: serverTime(), conversation: next, message });
    },
  };

  Object.defineProperty(window, 'api', { value: Object.freeze(api as unknown as DesktopApi), writable: false });
  Object.defineProperty(window, '__mock', { value: control, writable: false });
  if (options.sessionExpired) {
    // The core finds the refresh token refused shortly after start.
    setTimeout(() => {
      state.signedIn = false;
      emit('event:session', { state: 'signedOut', reason: 'expired' });
    }, 300);
  }
}
