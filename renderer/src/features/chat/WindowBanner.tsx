import type { Conversation } from '../../../../shared/api/schemas';
import { conversationDeadline } from '../../../../shared/domain/deadline';
import { isBefore, timeLeft, urgency } from '../../../../shared/domain/window';
import { useI18n } from '../../i18n/i18n';
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
  const { t, dateLocale } = useI18n();
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
  return (
    <div className={`window-banner tone-${tone}`} data-testid="window-banner" data-state={tone} role="status">
      {keepTogether(text, left)}
    </div>
  );
}
