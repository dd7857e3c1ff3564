import { differenceInCalendarDays, format, formatDistance, formatDistanceStrict, isSameDay } from 'date-fns';
import type { Locale } from 'date-fns/locale';
import { useEffect, useState } from 'react';
import { useServerClock } from '../state/serverClock';

export { formatDuration } from '../../../shared/i18n/duration';

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

type When = number | string | Date;
const asDate = (at: When) => (at instanceof Date ? at : new Date(at));

/**
 * The app's one way to write a date, a time, and both, per language (date-fns with the user's
 * locale): "Nov 28, 2026", "7:53 PM", "Nov 28, 2026, 7:53 PM" in English; "28 nov 2026", "19:53"
 * in Spanish; "28 de nov. de 2026", "19:53" in Portuguese. Nothing else formats dates by hand.
 */
export function formatDate(at: When, locale: Locale): string {
  return format(asDate(at), 'PP', { locale });
}

export function formatTime(at: When, locale: Locale): string {
  return format(asDate(at), 'p', { locale });
}

export function formatDateTime(at: When, locale: Locale): string {
  return format(asDate(at), 'PPp', { locale });
}

/** "Today", "Yesterday", then the date, in the user's language. */
export function dayLabel(at: number, now: number, language: string, locale: Locale): string {
  const days = differenceInCalendarDays(now, at);
  const label =
    days === 0 || days === 1 ? new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(-days, 'day') : formatDate(at, locale);
  return label.charAt(0).toLocaleUpperCase(language) + label.slice(1);
}
