import type { Contact, User } from '../../../../shared/api/schemas';
import { canSendTemplates } from '../../../../shared/domain/session';
import { useI18n } from '../../i18n/i18n';
import { useDisabledReason } from '../../ui/disabledReason';
import { BlockedReason } from '../chat/SendGate';

interface Props {
  customer: Contact;
  user: User;
  onWhatsApp(): void;
}

/** The ticket's left column: who the customer is, their WhatsApp session, and the WhatsApp button. */
export function CustomerPanel({ customer, user, onWhatsApp }: Props) {
  const { t } = useI18n();
  const session = customer.session;
  const hasSession = Boolean(session.conversationId);
  // An open session opens (also to read it); a new one needs a contact that may get a template.
  // A contact in a chatbot or not on WhatsApp gets neither, and the reason is shown.
  const usable = customer.whatsapp && session.state !== 'bot' && (hasSession || (canSendTemplates(user.role) && session.canSendTemplate));
  // Disabled: the button itself says why too (its tooltip and description), not only the note under it.
  const blocked = !customer.whatsapp ? 'CHANNEL_NOT_WHATSAPP' : !canSendTemplates(user.role) ? 'ROLE_NOT_ALLOWED' : (session.blockedReason ?? null);
  const why = useDisabledReason(usable || !blocked ? null : t(`error.${blocked}`));
  return (
    <aside className="customer" aria-label={t('ticket.customer')}>
      <h3>{t('ticket.customer')}</h3>
      <p className="customer-name">{customer.name}</p>
      <dl>
        <dt>{t('ticket.phone')}</dt>
        <dd>{customer.phone ?? '—'}</dd>
        <dt>{t('ticket.email')}</dt>
        <dd>{customer.email ?? '—'}</dd>
        <dt>{t('ticket.whatsappState')}</dt>
        <dd data-testid="customer-session">{customer.whatsapp ? t(`session.${session.state}`) : t('error.CHANNEL_NOT_WHATSAPP')}</dd>
      </dl>
      <button
        type="button"
        className="whatsapp"
        data-testid="whatsapp-button"
        disabled={!usable}
        title={hasSession ? t('whatsapp.open') : t('whatsapp.start')}
        onClick={onWhatsApp}
        {...why.props}
      >
        {t('whatsapp.button')}
      </button>
      {why.note}
      {!usable && <BlockedReason contact={customer} user={user} />}
    </aside>
  );
}
