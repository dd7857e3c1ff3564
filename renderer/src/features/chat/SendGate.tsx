import type { Contact, User } from '../../../../shared/api/schemas';
import { useI18n } from '../../i18n/i18n';
import { useDateLocale } from '../../i18n/date-locale';
import { formatDateTime } from '../../ui/time';

/** Why a template cannot be sent to this contact now, in plain words, instead of a button that fails. `shown`: the conversation on screen. */
export function BlockedReason({ contact, user, shown = null }: { contact: Contact; user: Pick<User, 'id' | 'role'>; shown?: string | null }) {
  const { t } = useI18n();
  const dateLocale = useDateLocale();
  const session = contact.session;
  if (session.canSendTemplate || !session.blockedReason) return null;
  // The user's own session, open on screen: its banner already says where it stands (a success, not a warning).
  if (session.blockedReason === 'CONTACT_HAS_OPEN_SESSION' && session.assignee?.id === user.id && shown && session.conversationId === shown) return null;
  const until = session.blockedUntil ? formatDateTime(session.blockedUntil, dateLocale) : '';
  return (
    <p className="blocked" data-testid="send-blocked" data-reason={session.blockedReason} role="note">
      {t(session.blockedReason === 'CONTACT_HAS_OPEN_SESSION' && session.assignee?.id === user.id ? 'blocked.CONTACT_HAS_OPEN_SESSION_YOU' : `blocked.${session.blockedReason}`, {
        contact: contact.name,
        agent: session.assignee?.name ?? t('blocked.someone'),
        time: until,
        role: t(`role.${user.role}`),
      })}
    </p>
  );
}
