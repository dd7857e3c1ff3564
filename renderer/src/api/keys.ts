import type { ConversationListInput } from '../../../shared/ipc/contract';

/** Every react-query key, in one place. */
export const keys = {
  appInfo: ['app-info'] as const,
  settings: ['settings'] as const,
  auth: ['auth'] as const,
  conversations: ['conversations'] as const,
  conversationList: (filter: ConversationListInput) => ['conversations', filter] as const,
  /** Not under 'conversations': live updates walk every cached list there. */
  inboxViews: ['inbox-views'] as const,
  assignees: ['assignees'] as const,
  contactHistory: (contactId: string, before: string) => ['contact-history', contactId, before] as const,
  conversation: (id: string) => ['conversation', id] as const,
  messages: (conversationId: string) => ['messages', conversationId] as const,
  /** The open chat's messages, newest page first, older pages by `before` (issue 15). */
  messagePages: (conversationId: string) => ['messages', conversationId, 'pages'] as const,
  contact: (id: string) => ['contact', id] as const,
  contacts: (q: string) => ['contacts', q] as const,
  templates: (includeUnsendable: boolean) => ['templates', includeUnsendable] as const,
  ticket: (id: string) => ['ticket', id] as const,
  tickets: ['tickets'] as const,
  contactTickets: (contactId: string) => ['tickets', 'contact', contactId] as const,
  expiring: ['expiring'] as const,
  consumption: (groupBy: string, days: number) => ['consumption', groupBy, days] as const,
  /** What a template costs a contact now (issue 20): short-lived, the window may change it. */
  quote: (contactId: string, templateId: string) => ['quote', contactId, templateId] as const,
  rateCards: ['rate-cards'] as const,
  budgets: ['budgets'] as const,
  expiringWithin: (minutes: number) => ['expiring', minutes] as const,
  ticketList: (q: string, status: string, assignee: string) => ['tickets', q, status, assignee] as const,
  /** A contact's latest conversation (the template picker reads the customer's language from it). */
  contactLatest: (contactId: string) => ['contact-latest', contactId] as const,
  /** What the user typed and has not sent in a conversation (kept by the desktop core). */
  draft: (conversationId: string) => ['draft', conversationId] as const,
};
