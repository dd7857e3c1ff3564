import { create } from 'zustand';
import type { ConnectionStatus } from '../../../shared/ipc/contract';

/** UI state only; server data lives in react-query. */
interface UiState {
  selectedConversationId: string | null;
  /** A contact with no session yet, opened from "New conversation": the chat starts with the picker. */
  draftContactId: string | null;
  connection: ConnectionStatus['state'];
  /** Why the user is back on the login screen, if the app knows. */
  signedOutReason: 'expired' | null;
  selectConversation(id: string | null): void;
  startDraft(contactId: string): void;
  setConnection(state: ConnectionStatus['state']): void;
  setSignedOutReason(reason: 'expired' | null): void;
}

export const useUi = create<UiState>((set) => ({
  selectedConversationId: null,
  draftContactId: null,
  connection: 'connecting',
  signedOutReason: null,
  selectConversation: (id) => set({ selectedConversationId: id, draftContactId: null }),
  startDraft: (contactId) => set({ selectedConversationId: null, draftContactId: contactId }),
  setConnection: (connection) => set({ connection }),
  setSignedOutReason: (signedOutReason) => set({ signedOutReason }),
}));
