import { create } from 'zustand';
import type { ConnectionStatus } from '../../../shared/ipc/contract';

/** UI state only; server data lives in react-query. */
interface UiState {
  selectedConversationId: string | null;
  connection: ConnectionStatus['state'];
  /** Why the user is back on the login screen, if the app knows. */
  signedOutReason: 'expired' | null;
  selectConversation(id: string | null): void;
  setConnection(state: ConnectionStatus['state']): void;
  setSignedOutReason(reason: 'expired' | null): void;
}

export const useUi = create<UiState>((set) => ({
  selectedConversationId: null,
  connection: 'connecting',
  signedOutReason: null,
  selectConversation: (id) => set({ selectedConversationId: id }),
  setConnection: (connection) => set({ connection }),
  setSignedOutReason: (signedOutReason) => set({ signedOutReason }),
}));
