/**
 * The 24-hour customer service window and the other deadlines, as pure functions of absolute
 * times (epoch ms). A window opens when the customer writes and each customer message restarts
 * it; sending a template does not open it. A deadline is reached AT its instant: at exactly
 * `windowExpiresAt` the window is closed.
 */
export const WINDOW_MS = 24 * 60 * 60 * 1000;
/** The last hour of a window is shown as urgent. */
export const URGENT_MS = 60 * 60 * 1000;

export function windowExpiresAt(lastCustomerMessageAt: number): number {
  return lastCustomerMessageAt + WINDOW_MS;
}

export function isBefore(now: number, deadline: number | null | undefined): boolean {
  return deadline !== null && deadline !== undefined && now < deadline;
}

/** Milliseconds left until a deadline, never negative. */
export function timeLeft(deadline: number, now: number): number {
  return Math.max(0, deadline - now);
}

export type Urgency = 'normal' | 'urgent' | 'expired';

export function urgency(deadline: number, now: number): Urgency {
  const left = deadline - now;
  if (left <= 0) return 'expired';
  return left <= URGENT_MS ? 'urgent' : 'normal';
}

/**
 * How far the server's clock is ahead of ours: `serverTime` is what the server said, `receivedAt`
 * our clock when its answer arrived. Add the result to local `Date.now()` to get server time.
 */
export function clockOffset(serverTime: string | number, receivedAt: number): number {
  const server = typeof serverTime === 'number' ? serverTime : Date.parse(serverTime);
  return Number.isFinite(server) ? server - receivedAt : 0;
}

export interface Remaining {
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Splits a duration into whole units, for "3 h 12 min left" style text. */
export function splitDuration(ms: number): Remaining {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}
