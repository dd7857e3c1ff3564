/**
 * The inbox's tests' fake desktop core (a `window.api` answering per channel, recording calls and
 * pushing server events), its conversations and messages, and the inbox rendered over it.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ServerEvent } from '../../../../shared/api/events';
import type { Conversation, ConversationView, Message, User } from '../../../../shared/api/schemas';
import { viewsFor } from '../../../../shared/domain/inbox';
import type { InvokeChannel } from '../../../../shared/ipc/contract';
import { useServerEvents } from '../../api/useServerEvents';
import { I18nProvider } from '../../i18n/i18n';
import { fakeDesktop as fakeCore } from '../../testing/fakeDesktop';
import { InboxScreen } from './InboxScreen';

export const NOW = '2026-12-02T12:00:00.000Z';
export const ANA: User = { id: '00000000-0000-4000-8000-00000000a001', name: 'Ana Ribeiro', email: 'agent@demo.test', role: 'agent' };
export const LUCAS = { id: '00000000-0000-4000-8000-00000000a002', name: 'Lucas Ferreira' };

export function conversation(n: number, patch: Partial<Conversation> = {}): Conversation {
  const id = `00000000-0000-4000-8000-c${String(n).padStart(11, '0')}`;
  return {
    id, contactId: `00000000-0000-4000-8000-0000000k000${n}`, ticketId: null, channel: 'whatsapp', state: 'open', assigneeId: null,
    windowExpiresAt: '2026-12-03T11:00:00.000Z', autoCloseAt: null, lastMessageAt: NOW, createdAt: NOW,
    contact: { id: `k${n}`, name: `Customer ${n}`, phone: `+551199999000${n}` }, assignee: null,
    lastMessage: { text: `Hello ${n}`, direction: 'inbound', kind: 'text', createdAt: NOW }, unreadCount: 0, ...patch,
  };
}

export const inbound = (c: Conversation, text: string): Message => ({
  id: crypto.randomUUID(), conversationId: c.id, direction: 'inbound', kind: 'text', text, status: 'received', createdAt: NOW, attachments: [], reactions: [],
});

/** The shared fake desktop core (testing/fakeDesktop) answering as a server with these lists would. */
export function fakeDesktop(user: User, lists: Partial<Record<ConversationView, Conversation[]>>) {
  // Inputs as the renderer sent them (loosely typed: each channel's differs).
  type Input = Record<string, string | undefined>;
  const byId = () => new Map(Object.values(lists).flat().map((c) => [c!.id, c!]));
  const answers: Partial<Record<InvokeChannel, (input: Input) => unknown>> = {
    'auth:status': () => ({ state: 'signedIn', user, serverUrl: 'http://127.0.0.1:1' }),
    'connection:status': () => ({ state: 'online' }),
    'conversations:views': () => ({
      items: viewsFor(user.role).map((view) => ({ view, count: lists[view]?.length ?? 0, unread: (lists[view] ?? []).filter((c) => c.unreadCount).length })),
      serverTime: NOW,
    }),
    // Pages as the server gives them: `limit` rows from the cursor (here, an offset) on.
    'conversations:list': ({ view, cursor, limit }) => {
      const all = lists[view as ConversationView] ?? [];
      const from = Number(cursor ?? 0);
      const to = from + Number(limit ?? 50);
      return { items: all.slice(from, to), nextCursor: to < all.length ? String(to) : null, serverTime: NOW };
    },
    'conversations:get': ({ id }) => ({ ...byId().get(id!), serverTime: NOW }),
    'conversations:read': () => null,
    'messages:list': () => ({ items: [], serverTime: NOW }),
    'contacts:get': ({ id }) => ({ id, name: 'Customer', phone: null, email: null, whatsapp: true, session: { state: 'open', canSendTemplate: false }, serverTime: NOW }),
    'contacts:conversations': () => ({ items: [], nextCursor: null, serverTime: NOW }),
  };
  const desktop = fakeCore<Input>(answers);
  const calls = desktop.calls;
  const push = (event: ServerEvent) => desktop.push('event:server', event);
  return { api: desktop.api, calls, lists, answers, push, called: (channel: InvokeChannel) => calls.filter((c) => c.channel === channel) };
}

function Harness({ user }: { user: User }) {
  useServerEvents();
  return <InboxScreen user={user} />;
}

/** The inbox over this fake core; `client` may come with answers already cached (the bench's loaded lists). */
export function renderInbox(user: User, desktop: ReturnType<typeof fakeDesktop>, client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 30_000 } } })) {
  (window as unknown as { api: unknown }).api = desktop.api;
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider>
        <Harness user={user} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

export const messageCreated = (c: Conversation, message: Message): ServerEvent => ({ type: 'message.created', id: '1', serverTime: NOW, conversation: c, message });
