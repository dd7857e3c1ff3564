import { useEffect, useState } from 'react';
import { splitDuration } from '../../../shared/domain/window';
import type { MessageKey, MessageParams } from '../../../shared/i18n';
import { useServerClock } from '../state/serverClock';

/** The server's current time (our clock corrected for skew), re-rendered every `everyMs`. */
export function useServerNow(everyMs = 1000): number {
  const offset = useServerClock((s) => s.offsetMs);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now + offset;
}

/** "3 h 12 min", "1 d 4 h", "5 min", "40 s". */
export function formatDuration(ms: number, t: (key: MessageKey, params?: MessageParams) => string): string {
  const { days, hours, minutes, seconds } = splitDuration(ms);
  if (days > 0) return hours ? t('duration.days', { d: days, h: hours }) : t('duration.daysOnly', { d: days });
  if (hours > 0) return minutes ? t('duration.hours', { h: hours, m: minutes }) : t('duration.hoursOnly', { h: hours });
  if (minutes > 0) return t('duration.minutes', { m: minutes });
  return t('duration.seconds', { s: seconds });
}
