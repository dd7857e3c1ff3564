import { format } from 'date-fns';
import type { Message } from '../../../../shared/api/schemas';
import { isMessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n/i18n';

const TICKS: Partial<Record<Message['status'], string>> = { pending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' };

export function MessageBubble({ message }: { message: Message }) {
  const { t, dateLocale } = useI18n();
  // A stable failure code (e.g. WHATSAPP_WINDOW_CLOSED) reads in the user's language; an unknown
  // one falls back to the provider's own words.
  const errorKey = `error.${message.error?.code ?? ''}`;
  const reason = isMessageKey(errorKey) ? t(errorKey) : (message.error?.message ?? t('status.failed'));
  const outbound = message.direction === 'outbound';
  const author = outbound ? (message.author?.name ?? t('chat.bot')) : t('chat.customer');
  return (
    <li className={`message ${message.direction}`} data-testid="message" data-message-id={message.id} data-direction={message.direction} data-status={message.status}>
      <div className="bubble">
        {message.template && (
          <span className="template-tag" data-testid="template-tag">
            {t('chat.templateTag', { name: message.template.name })}
          </span>
        )}
        <p className="text">{message.text}</p>
        <div className="meta">
          <span className="author">{author}</span>
          <time dateTime={message.createdAt}>{format(new Date(message.createdAt), 'p', { locale: dateLocale })}</time>
          {outbound && TICKS[message.status] && (
            <span className={`ticks ticks-${message.status}`} title={t(`status.${message.status}`)} aria-label={t(`status.${message.status}`)}>
              {TICKS[message.status]}
            </span>
          )}
        </div>
        {message.status === 'failed' && (
          <p className="failed" role="note">
            {t('chat.failedBecause', { reason })}
          </p>
        )}
      </div>
    </li>
  );
}
