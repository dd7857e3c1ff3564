import { splitDuration } from '../domain/window';
import type { MessageKey, MessageParams } from './index';

/** "3 h 12 min", "1 d 4 h", "5 min", "40 s": used by the banner's countdown and by notifications. */
export function formatDuration(ms: number, t: (key: MessageKey, params?: MessageParams) => string): string {
  const { days, hours, minutes, seconds } = splitDuration(ms);
  if (days > 0) return hours ? t('duration.days', { d: days, h: hours }) : t('duration.daysOnly', { d: days });
  if (hours > 0) return minutes ? t('duration.hours', { h: hours, m: minutes }) : t('duration.hoursOnly', { h: hours });
  if (minutes > 0) return t('duration.minutes', { m: minutes });
  return t('duration.seconds', { s: seconds });
}
