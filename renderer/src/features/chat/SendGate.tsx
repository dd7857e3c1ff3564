import { format } from 'date-fns';
import type { Contact, Role } from '../../../../shared/api/schemas';
import { useI18n } from '../../i18n/i18n';

/** Why a template cannot be sent to this contact now, in plain words, instead of a button that fails. */
export function BlockedReason({ contact, role }: { contact: Contact; role: Role }) {
  const { t, dateLocale } = useI18n();
  const session = contact.session;
  if (session.canSendTemplate || !session.blockedReason) return null;
  const until = session.blockedUntil ? format(new Date(session.blockedUntil), 'Pp', { locale: dateLocale }) : '';
  return (
    <p className="blocked" data-testid="send-blocked" data-reason={session.blockedReason} role="note">
      {t(`blocked.${session.blockedReason}`, {
        contact: contact.name,
        agent: session.assignee?.name ?? t('blocked.someone'),
        time: until,
        role: t(`role.${role}`),
      })}
    </p>
  );
}
