import { differenceInCalendarDays, format, formatDistance, formatDistanceStrict, isSameDay } from 'date-fns';
import type { Locale } from 'date-fns/locale';
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

/** "19 minutes ago"; a message that just arrived (stamped a little after our last tick) is "less than a minute ago", never "in 0 seconds". */
export function relativeTime(at: number, now: number, locale: Locale): string {
  const past = Math.min(at, now);
  const options = { addSuffix: true, locale };
  return now - past < 60_000 ? formatDistance(past, now, options) : formatDistanceStrict(past, now, options);
}

/** Whether a message starts a new calendar day in the chat (the first message always does). */
export function startsDay(createdAt: string, previous: string | undefined): boolean {
  return !previous || !isSameDay(new Date(createdAt), new Date(previous));
}

/** "Today", "Yesterday", then the full date, in the user's language. */
export function dayLabel(at: number, now: number, language: string, locale: Locale): string {
  const days = differenceInCalendarDays(now, at);
  const label =
    days === 0 || days === 1 ? new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(-days, 'day') : format(at, 'PPP', { locale });
  return label.charAt(0).toLocaleUpperCase(language) + label.slice(1);
}
