import { create } from 'zustand';
import { clockOffset } from '../../../shared/domain/window';

/**
 * How far the server's clock is from ours, learned from the `serverTime` of every answer and
 * event, so countdowns show the server's deadlines even when this machine's clock is off.
 */
interface ServerClock {
  offsetMs: number;
  observe(serverTime: string): void;
}

export const useServerClock = create<ServerClock>((set) => ({
  offsetMs: 0,
  observe: (serverTime) => set({ offsetMs: clockOffset(serverTime, Date.now()) }),
}));

/** Notes the serverTime of any API answer that carries one. */
export function observeServerTime(data: unknown): void {
  const serverTime = (data as { serverTime?: unknown } | null)?.serverTime;
  if (typeof serverTime === 'string') useServerClock.getState().observe(serverTime);
}
