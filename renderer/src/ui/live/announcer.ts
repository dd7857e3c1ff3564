/**
 * What screen readers are told (issue 19), through two live regions that are always on the page
 * (LiveRegions.tsx): a polite one for news (new customer messages) and an assertive one for
 * alerts (a session about to close). Each announcement is counted, so the same words said twice
 * are read twice.
 */
import { create } from 'zustand';

export type Politeness = 'polite' | 'assertive';

export interface Announcement {
  text: string;
  n: number;
}

interface AnnouncerState {
  polite: Announcement;
  assertive: Announcement;
  announce(politeness: Politeness, text: string): void;
}

export const useAnnouncer = create<AnnouncerState>((set) => ({
  polite: { text: '', n: 0 },
  assertive: { text: '', n: 0 },
  announce: (politeness, text) => set((state) => ({ [politeness]: { text, n: state[politeness].n + 1 } })),
}));

export const announce = (politeness: Politeness, text: string) => useAnnouncer.getState().announce(politeness, text);
