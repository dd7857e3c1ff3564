import { ContactList, ContactResponse, ConversationPage, ConversationResponse, MessageList, SendTextResponse } from '../../../shared/api/schemas';
import { TemplateList, TemplateSendResponse } from '../../../shared/api/templates';
import { AssigneeList, ContactConversations, ViewCounts } from '../../../shared/api/inbox';
import { ConsumptionReport } from '../../../shared/api/consumption';
import { ExpiringList } from '../../../shared/api/supervisor';
import { Ticket, TicketPage } from '../../../shared/api/tickets';
import type { AppInfo, ConnectionStatus, InvokeChannel, InvokeInput, InvokeOutput } from '../../../shared/ipc/contract';
import type { AuthSession } from '../auth/session';
import type { DraftService } from '../drafts/drafts';
import { ApiError } from '../errors';
import { pricingHandlers } from './pricing-handlers';
import type { MediaService } from '../media/media';
import type { UploadService } from '../media/uploads';
import type { SettingsService } from '../settings/settings';

export type Handler<C extends InvokeChannel> = (input: InvokeInput<C>) => Promise<InvokeOutput<C>>;
export type HandlerMap = { [C in InvokeChannel]: Handler<C> };

export interface HandlerDeps {
  session: AuthSession;
  settings: SettingsService;
  appInfo: AppInfo;
  notificationsSeen: () => void;
  connection: () => ConnectionStatus;
  uploads: UploadService;
  media: Pick<MediaService, 'open' | 'clear'>;
  drafts: DraftService;
}

/** Every IPC channel's handler, registered in one place. */
export function createHandlers({ session, settings, appInfo, notificationsSeen, connection, uploads, media, drafts }: HandlerDeps): HandlerMap {
  /** Drafts belong to whoever is signed in. */
  const userId = () => {
    const user = session.currentUser;
    if (!user) throw ApiError.of('NOT_SIGNED_IN', 'Drafts need a signed-in user.');
    return user.id;
  };
  return {
    'drafts:get': async ({ conversationId }) => ({ text: drafts.get(userId(), conversationId) }),
    'drafts:set': async ({ conversationId, text }) => {
      drafts.set(userId(), conversationId, text);
      return null;
    },
    'app:info': async () => appInfo,
    'settings:get': async () => settings.view(),
    'settings:update': async (patch) => settings.update(patch),
    'auth:status': async () => session.status(),
    'connection:status': async () => connection(),
    'auth:login': async ({ serverUrl, email, password }) => {
      // A server set by IT policy is the only one this machine signs in to.
      const managed = settings.managed().includes('serverUrl');
      const user = await session.login(managed ? settings.get().serverUrl : serverUrl, email, password, settings.get().allowInsecureServer);
      if (!managed) settings.update({ serverUrl: session.client.serverUrl });
      return user;
    },
    'auth:logout': async () => {
      await session.logout();
      // Sign-out answers once the customers' media is gone from this machine.
      await media.clear();
      return null;
    },
    'conversations:list': (input) =>
      session.client.get('/conversations', ConversationPage, {
        searchParams: { state: input.state?.join(','), mine: input.mine, view: input.view, q: input.q || undefined, limit: input.limit, cursor: input.cursor },
      }),
    'conversations:views': () => session.client.get('/conversations/views', ViewCounts),
    'conversations:assign': ({ id, assigneeId }) =>
      session.client.post(`/conversations/${encodeURIComponent(id)}/assign`, ConversationResponse, { json: { assigneeId } }),
    'conversations:read': async ({ id }) => {
      await session.client.send('post', `/conversations/${encodeURIComponent(id)}/read`);
      return null;
    },
    'contacts:conversations': ({ contactId, before, limit }) =>
      session.client.get(`/contacts/${encodeURIComponent(contactId)}/conversations`, ContactConversations, { searchParams: { before, limit } }),
    'assignees:list': () => session.client.get('/assignees', AssigneeList),
    'conversations:get': ({ id }) => session.client.get(`/conversations/${encodeURIComponent(id)}`, ConversationResponse),
    'messages:list': ({ conversationId, before, limit }) =>
      session.client.get(`/conversations/${encodeURIComponent(conversationId)}/messages`, MessageList, { searchParams: { before, limit } }),
    'contacts:list': ({ q, limit }) => session.client.get('/contacts', ContactList, { searchParams: { q: q || undefined, limit } }),
    'contacts:get': ({ id }) => session.client.get(`/contacts/${encodeURIComponent(id)}`, ContactResponse),
    'messages:send': ({ conversationId, text, attachmentId }) =>
      session.client.post(`/conversations/${encodeURIComponent(conversationId)}/messages`, SendTextResponse, {
        json: { text: text || undefined, attachmentId },
      }),
    'attachments:begin': async (file) => uploads.begin(file),
    'attachments:chunk': async (chunk) => uploads.chunk(chunk),
    'attachments:finish': ({ uploadId }) => uploads.finish(uploadId),
    'attachments:cancel': async ({ uploadId }) => uploads.cancel(uploadId),
    'media:open': async ({ attachmentId }) => {
      await media.open(attachmentId);
      return null;
    },
    'conversations:close': ({ id }) => session.client.post(`/conversations/${encodeURIComponent(id)}/close`, ConversationResponse, { json: {} }),
    'templates:list': ({ includeUnsendable, q, ...query }) =>
      session.client.get('/templates', TemplateList, { searchParams: { ...query, q: q || undefined, status: includeUnsendable ? 'ALL' : undefined } }),
    'templates:send': ({ idempotencyKey, ...body }) =>
      session.client.postIdempotent('/template-sends', TemplateSendResponse, idempotencyKey, body),
    'tickets:get': ({ id }) => session.client.get(`/tickets/${encodeURIComponent(id)}`, Ticket),
    'tickets:list': ({ status, q, ...rest }) =>
      session.client.get('/tickets', TicketPage, { searchParams: { ...rest, q: q || undefined, status: status?.join(',') } }),
    'tickets:update': ({ id, ...change }) => session.client.request('patch', `/tickets/${encodeURIComponent(id)}`, Ticket, { json: change }),
    'consumption:report': (query) => session.client.get('/consumption', ConsumptionReport, { searchParams: query }),
    'supervisor:expiring': ({ withinMinutes }) => session.client.get('/supervisor/expiring', ExpiringList, { searchParams: { withinMinutes } }),
    'notifications:seen': async () => {
      notificationsSeen();
      return null;
    },
    'tickets:addNote': ({ id, text }) => session.client.post(`/tickets/${encodeURIComponent(id)}/notes`, Ticket, { json: { text } }),
    ...pricingHandlers(session),
  };
}
