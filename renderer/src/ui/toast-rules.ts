import type { MessageKey, MessageParams } from '../../../shared/i18n';
import { formatDuration } from '../../../shared/i18n/duration';
import type { DesktopNotification } from '../../../shared/ipc/notifications';

/** How long a toast stays, not counting the time it is hovered or focused. */
export const SHOW_MS = 8_000;
/** After a pause, a toast stays at least this long, so it does not vanish as the pointer leaves. */
export const RESUME_MIN_MS = 2_000;
export const MAX_SHOWN = 4;

/** The newest first; a newer word on the same conversation replaces the older one ("replied" after "no reply yet"). */
export function addToast(all: DesktopNotification[], incoming: DesktopNotification, max = MAX_SHOWN): DesktopNotification[] {
  const others = all.filter((n) => n.id !== incoming.id && (!incoming.conversationId || n.conversationId !== incoming.conversationId));
  return [incoming, ...others].slice(0, max);
}

/** The body as it reads at `now` (server time): a deadline's time left is counted at each tick, never frozen. */
export function toastBody(n: DesktopNotification, now: number, t: (key: MessageKey, params?: MessageParams) => string): string {
  if (!n.countdown) return n.body;
  const left = Math.max(0, Date.parse(n.countdown.at) - now);
  return n.countdown.text.replace('{time}', formatDuration(left, t));
}

/** A toast about a deadline that has passed says something no longer true. */
export function isPast(n: DesktopNotification, now: number): boolean {
  return !!n.countdown && Date.parse(n.countdown.at) <= now;
}

/**
 * Time left before a toast goes, across pauses: `elapsed` since the last resume is taken off,
 * and a resumed toast keeps at least RESUME_MIN_MS.
 */
export function leftAfterPause(left: number, elapsed: number): number {
  return Math.max(RESUME_MIN_MS, left - elapsed);
}

/**
 * How far above the window's bottom edge the toasts sit: clear of the boxes given (the composer,
 * a read-only note) that share their columns and lie in the lower half of the window.
 */
export function clearance(
  stack: { left: number; right: number },
  boxes: { top: number; left: number; right: number; height: number }[],
  viewportHeight: number,
  margin: number,
): number {
  let top = viewportHeight;
  for (const box of boxes) {
    if (box.height > 0 && box.top > viewportHeight / 2 && box.right > stack.left && box.left < stack.right) top = Math.min(top, box.top);
  }
  return Math.max(margin, viewportHeight - top + margin);
}
