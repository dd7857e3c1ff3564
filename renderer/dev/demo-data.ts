/**
 * Demo-like data for the fake `window.api` (mock-api.ts): the contacts, conversations, messages,
 * tickets and templates of architecture.md's demo, with times relative to `now`. Plain JSON, so
 * it can be handed to the browser through `page.addInitScript`.
 */
import type { Contact, Conversation, Message, User } from '../../shared/api/schemas';
import type { Template } from '../../shared/api/templates';
import type { Ticket } from '../../shared/api/tickets';
import type { ErrorCode } from '../../shared/api/errors';
import type { AppError, ConnectionStatus, Language } from '../../shared/ipc/contract';

export interface MockOptions {
  signedIn: boolean;
  /** What the settings say: a language, or `system` to follow `systemLocale`. */
  language: Language | 'system';
  systemLocale: string;
  connection: ConnectionStatus['state'];
  /** Every `auth:login` fails with this code. */
  loginError?: ErrorCode;
  /** `conversations:list` fails with this code. */
  inboxError?: ErrorCode;
  /** `conversations:list` answers nothing. */
  emptyInbox?: boolean;
  /** Right after start, the core says the session expired (back to login with the notice). */
  sessionExpired?: boolean;
}

export interface MockSeed {
  options: MockOptions;
  channels: string[];
  user: User;
  contacts: Contact[];
  conversations: Conversation[];
  messages: Record<string, Message[]>;
  tickets: Ticket[];
  templates: Template[];
  errors: Partial<Record<ErrorCode, AppError>>;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const agent: User = { id: 'u-agent', name: 'Ana Agent', email: 'agent@demo.test', role: 'agent' };

export function demoSeed(now: number, options: MockOptions, channels: string[]): MockSeed {
  const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
  const who = { id: agent.id, name: agent.name };
  const none = { state: 'none' as const, canSendTemplate: true };
  const contact = (id: string, name: string, phone: string | null, session: Contact['session']): Contact => ({
    id,
    name,
    phone,
    email: phone ? null : `${name.split(' ')[0]!.toLowerCase()}@example.com`,
    whatsapp: phone !== null,
    session,
  });
  const contacts: Contact[] = [
    contact('k-bruno', 'Bruno Costa', '+5511999990001', {
      state: 'open', conversationId: 'c-bruno', windowExpiresAt: at(22 * HOUR), canSendTemplate: false,
      blockedReason: 'CONTACT_HAS_OPEN_SESSION', blockedUntil: at(22 * HOUR), assignee: who,
    }),
    contact('k-carla', 'Carla Mendes', '+5511999990002', none),
    contact('k-diego', 'Diego Ramos', '+5511999990003', {
      state: 'bot', conversationId: 'c-diego', canSendTemplate: false, blockedReason: 'CONTACT_IN_CHATBOT', blockedUntil: null,
    }),
    contact('k-elena', 'Elena Souza', '+5511999990004', none),
    contact('k-fabio', 'Fábio Lima', null, { state: 'none', canSendTemplate: false, blockedReason: 'CHANNEL_NOT_WHATSAPP' }),
    contact('k-gabriela', 'Gabriela Rocha', '+5511999990006', {
      state: 'waiting', conversationId: 'c-gabriela', autoCloseAt: at(23 * HOUR), canSendTemplate: false,
      blockedReason: 'CONTACT_HAS_OPEN_SESSION', blockedUntil: at(23 * HOUR), assignee: who,
    }),
  ];
  const summary = (id: string) => {
    const c = contacts.find((x) => x.id === id)!;
    return { id: c.id, name: c.name, phone: c.phone };
  };
  const message = (conversationId: string, id: string, ago: number, m: Partial<Message> & Pick<Message, 'direction' | 'text'>): Message => ({
    id,
    conversationId,
    kind: 'text',
    template: null,
    status: m.direction === 'inbound' ? 'received' : 'read',
    error: null,
    author: m.direction === 'outbound' ? who : null,
    createdAt: at(-ago),
    ...m,
  });
  const messages: Record<string, Message[]> = {
    'c-bruno': [
      message('c-bruno', 'm1', 26 * HOUR, { direction: 'outbound', kind: 'template', template: { name: 'order_update', language: 'pt_BR' }, text: 'Olá Bruno, seu pedido #4821 foi enviado e chega amanhã.' }),
      message('c-bruno', 'm2', 2 * HOUR + 10 * MIN, { direction: 'inbound', text: 'Oi! O pedido ainda não chegou. Vocês podem verificar?' }),
      message('c-bruno', 'm3', 2 * HOUR + 5 * MIN, { direction: 'outbound', text: 'Claro, Bruno! Vou verificar com a transportadora agora mesmo.' }),
      message('c-bruno', 'm4', 2 * HOUR + 2 * MIN, { direction: 'outbound', text: 'O código de rastreio é BR123456789. Previsão de entrega: hoje até as 18h.', status: 'delivered' }),
      message('c-bruno', 'm5', 2 * HOUR + MIN, { direction: 'outbound', text: 'Segue também o comprovante.', status: 'failed', error: { code: '131026', message: 'Message undeliverable: the receiver is unreachable' } }),
      message('c-bruno', 'm6', 2 * HOUR, { direction: 'inbound', text: 'Perfeito, obrigado pela ajuda!' }),
    ],
    'c-gabriela': [
      message('c-gabriela', 'm7', HOUR, { direction: 'outbound', kind: 'template', template: { name: 'order_update', language: 'pt_BR' }, text: 'Olá Gabriela, seu pedido #5532 foi atualizado: pagamento aprovado.', status: 'delivered' }),
    ],
    'c-diego': [
      message('c-diego', 'm8', 20 * MIN, { direction: 'inbound', text: 'Quero saber o status do meu pedido' }),
      message('c-diego', 'm9', 19 * MIN, { direction: 'outbound', author: null, text: 'Olá! Digite o número do pedido para consultar.', status: 'read' }),
    ],
    'c-carla': [
      message('c-carla', 'm10', 3 * DAY + HOUR, { direction: 'inbound', text: 'Quero trocar o produto, veio com defeito.' }),
      message('c-carla', 'm11', 3 * DAY + 30 * MIN, { direction: 'outbound', text: 'Abrimos o ticket de troca, Carla. Obrigado!' }),
    ],
  };
  const conversation = (id: string, contactId: string, c: Partial<Conversation> & Pick<Conversation, 'state'>): Conversation => {
    const list = messages[id] ?? [];
    const last = list[list.length - 1];
    return {
      id,
      contactId,
      ticketId: null,
      channel: 'whatsapp',
      assigneeId: c.state === 'bot' ? null : agent.id,
      assignee: c.state === 'bot' ? null : who,
      windowExpiresAt: null,
      autoCloseAt: null,
      closedReason: null,
      closedAt: null,
      lastMessageAt: last?.createdAt ?? null,
      createdAt: list[0]?.createdAt ?? at(0),
      contact: summary(contactId),
      lastMessage: last ? { text: last.text, direction: last.direction, kind: last.kind, createdAt: last.createdAt } : null,
      ...c,
    };
  };
  const conversations = [
    conversation('c-diego', 'k-diego', { state: 'bot' }),
    conversation('c-gabriela', 'k-gabriela', { state: 'waiting', ticketId: 't-1006', autoCloseAt: at(23 * HOUR) }),
    conversation('c-bruno', 'k-bruno', { state: 'open', ticketId: 't-1001', windowExpiresAt: at(22 * HOUR) }),
    conversation('c-carla', 'k-carla', { state: 'closed', ticketId: 't-1002', closedReason: 'window_expired', closedAt: at(-2 * DAY) }),
  ];
  const ticket = (id: string, number: number, subject: string, contactId: string): Ticket => ({
    id,
    number,
    subject,
    status: 'open',
    priority: 'normal',
    contact: summary(contactId),
    assignee: who,
    createdAt: at(-4 * DAY),
    updatedAt: at(-HOUR),
    timeline: [],
    customer: contacts.find((c) => c.id === contactId)!,
    conversations: conversations.filter((c) => c.contactId === contactId).map((c) => ({ id: c.id, state: c.state, createdAt: c.createdAt })),
    serverTime: at(0),
  });
  const tickets = [
    ticket('t-1001', 1001, 'Pedido atrasado', 'k-bruno'),
    ticket('t-1002', 1002, 'Troca de produto', 'k-carla'),
    ticket('t-1006', 1006, 'order_update', 'k-gabriela'),
  ];
  const templates: Template[] = [
    {
      id: 'tpl-1', name: 'order_update', language: 'pt_BR', category: 'UTILITY', status: 'APPROVED', parameterFormat: 'POSITIONAL',
      components: [{ type: 'BODY', text: 'Olá {{1}}, seu pedido {{2}} foi atualizado.' }], examples: { '1': 'Maria', '2': '#1234' },
    },
    {
      id: 'tpl-2', name: 'welcome_back', language: 'es', category: 'MARKETING', status: 'APPROVED', parameterFormat: 'POSITIONAL',
      components: [{ type: 'BODY', text: '¡Hola de nuevo! Tenemos novedades para ti.' }],
    },
  ];
  const error = (code: ErrorCode, message: string, status?: number): AppError => ({ code, message, ...(status ? { status } : {}) });
  return {
    options,
    channels,
    user: agent,
    contacts,
    conversations,
    messages,
    tickets,
    templates,
    errors: {
      INVALID_CREDENTIALS: error('INVALID_CREDENTIALS', 'Wrong email or password', 401),
      NETWORK_ERROR: error('NETWORK_ERROR', 'connect ECONNREFUSED 127.0.0.1:4010'),
      TIMEOUT: error('TIMEOUT', 'The server did not answer in time'),
      RATE_LIMITED: error('RATE_LIMITED', 'Too many attempts', 429),
      INVALID_SERVER_URL: error('INVALID_SERVER_URL', 'Not an http(s) URL'),
      UNKNOWN: error('UNKNOWN', 'Something went wrong'),
    },
  };
}
