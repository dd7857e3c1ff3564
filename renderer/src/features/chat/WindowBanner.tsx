import type { Conversation } from '../../../../shared/api/schemas';
import { conversationDeadline } from '../../../../shared/domain/deadline';
import { isBefore, timeLeft, urgency } from '../../../../shared/domain/window';
import { useI18n } from '../../i18n/i18n';
import { useDateLocale } from '../../i18n/date-locale';
import { useCallback } from 'react';
import { announce } from '../../ui/live/announcer';
import { useDeadlineAlert } from '../../ui/live/deadlineAlert';
import { formatDateTime, formatDuration, useServerNow } from '../../ui/time';

interface Props {
  /** Null for a contact with no session yet (a new conversation). */
  conversation: Conversation | null;
}

const MARK = '\u0000';

/** The sentence with the time left in one unbreakable piece ("22 h 59 min" never splits across lines). */
function keepTogether(text: string, left: string) {
  const [before, after] = text.split(MARK);
  if (after === undefined) return text;
  return (
    <>
      {before}
      <span className="nowrap">{left}</span>
      {after}
    </>
  );
}

/** Where the conversation stands in Meta's 24-hour rules, counting down live (corrected for clock skew). */
export function WindowBanner({ conversation }: Props) {
  const { t } = useI18n();
  const dateLocale = useDateLocale();
  const now = useServerNow();
  const deadline = conversation ? conversationDeadline(conversation) : null;
  const end = deadline ? Date.parse(deadline.at) : null;
  let tone = 'closed';
  let text = t('banner.closed');
  let left = '';
  if (deadline?.kind === 'window' && end !== null && isBefore(now, end)) {
    tone = urgency(end, now) === 'urgent' ? 'urgent' : 'open';
    left = formatDuration(timeLeft(end, now), t);
    text = t('banner.open', { left: MARK });
  } else if (deadline?.kind === 'auto_close' && end !== null) {
    tone = 'waiting';
    left = formatDuration(timeLeft(end, now), t);
    text = t('banner.waiting', { time: formatDateTime(end, dateLocale), left: MARK });
  } else if (conversation?.state === 'bot') {
    tone = 'bot';
    text = t('banner.bot');
  }
  // Not a live region (it would be read out every second): screen readers are alerted at 15, 5 and 1 minutes left.
  const running = left !== '' && end !== null ? timeLeft(end, now) : null;
  const name = conversation?.contact.name ?? '';
  const alertKey = deadline?.kind === 'window' ? 'live.windowEnding' : 'live.autoCloseEnding';
  const alert = useCallback(() => announce('assertive', t(alertKey, { name, time: left })), [alertKey, name, left, t]);
  useDeadlineAlert(`${conversation?.id ?? ''}:${deadline?.kind ?? ''}`, running, alert);
  return (
    <div className={`window-banner tone-${tone}`} data-testid="window-banner" data-state={tone}>
      {keepTogether(text, left)}
    </div>
  );
}
