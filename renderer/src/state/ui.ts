import { create } from 'zustand';
import type { ConversationView } from '../../../shared/api/schemas';
import type { ConnectionStatus } from '../../../shared/ipc/contract';

/** UI state only; server data lives in react-query. */
export type Section = 'inbox' | 'tickets' | 'supervisor' | 'consumption' | 'settings';

interface UiState {
  section: Section;
  selectedTicketId: string | null;
  selectedConversationId: string | null;
  /** The inbox tab chosen; null: the role's first (shared/domain/inbox.ts viewsFor). */
  inboxView: ConversationView | null;
  /** The session opened (read-only) from the supervisor board. */
  boardConversationId: string | null;
  /** A contact with no session yet, opened from "New conversation": the chat starts with the picker. */
  draftContactId: string | null;
  connection: ConnectionStatus['state'];
  /** Why the user is back on the login screen, if the app knows. */
  signedOutReason: 'expired' | null;
  showSection(section: Section): void;
  openTicket(id: string | null): void;
  selectConversation(id: string | null): void;
  showInboxView(view: ConversationView): void;
  openOnBoard(id: string | null): void;
  startDraft(contactId: string): void;
  setConnection(state: ConnectionStatus['state']): void;
  setSignedOutReason(reason: 'expired' | null): void;
}

export const useUi = create<UiState>((set) => ({
  section: 'inbox',
  selectedTicketId: null,
  selectedConversationId: null,
  inboxView: null,
  boardConversationId: null,
  draftContactId: null,
  connection: 'connecting',
  signedOutReason: null,
  showSection: (section) => set({ section }),
  openTicket: (id) => set({ section: 'tickets', selectedTicketId: id }),
  selectConversation: (id) => set({ section: 'inbox', selectedConversationId: id, draftContactId: null }),
  showInboxView: (inboxView) => set({ inboxView }),
  openOnBoard: (id) => set({ section: 'supervisor', boardConversationId: id }),
  startDraft: (contactId) => set({ selectedConversationId: null, draftContactId: contactId }),
  setConnection: (connection) => set({ connection }),
  setSignedOutReason: (signedOutReason) => set({ signedOutReason }),
}));
