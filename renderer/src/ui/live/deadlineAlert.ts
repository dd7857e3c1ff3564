/**
 * A session about to close is said once, assertively, as its time left passes 15, 5 and 1
 * minutes (issue 19); the countdown itself is on screen to be read, never announced each tick.
 */
import { useEffect, useRef } from 'react';

export const ALERT_AT_MS = [15 * 60_000, 5 * 60_000, 60_000] as const;

/** The mark passed between two readings of the time left (ms), if any: the smallest one passed. */
export function markPassed(before: number, now: number): number | null {
  let passed: number | null = null;
  for (const mark of ALERT_AT_MS) if (before > mark && now <= mark && now > 0) passed = mark;
  return passed;
}

/** Calls `alert` when `left` (ms, or null: no deadline) passes a mark; `key` starts afresh (another conversation). */
export function useDeadlineAlert(key: string, left: number | null, alert: () => void): void {
  const last = useRef<{ key: string; left: number | null }>({ key, left });
  useEffect(() => {
    const before = last.current.key === key ? last.current.left : null;
    last.current = { key, left };
    if (before !== null && left !== null && markPassed(before, left) !== null) alert();
  }, [key, left, alert]);
}
