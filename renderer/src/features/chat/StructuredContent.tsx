import type { Message } from '../../../../shared/api/schemas';
import { useI18n } from '../../i18n/i18n';
import { PersonIcon, PinIcon } from './icons';

/** A location, contact cards, a button/list/flow reply or an order, as WhatsApp sent them. */
export function StructuredContent({ message }: { message: Message }) {
  const { t, language } = useI18n();
  const { location, contacts, interactive, order } = message;
  const money = (amount: number, currency: string) => {
    try {
      return new Intl.NumberFormat(language, { style: 'currency', currency }).format(amount);
    } catch {
      return `${amount} ${currency}`;
    }
  };
  return (
    <>
      {location && (
        <div className="structured location" data-testid="location">
          <PinIcon />
          <div>
            {location.name && <strong>{location.name}</strong>}
            {location.address && <div>{location.address}</div>}
            <a
              href={`https://www.openstreetmap.org/?mlat=${location.latitude}&mlon=${location.longitude}#map=16/${location.latitude}/${location.longitude}`}
              target="_blank"
              rel="noreferrer noopener"
            >
              {t('chat.openMap')}
            </a>
          </div>
        </div>
      )}
      {contacts?.map((card, i) => (
        <div key={i} className="structured contact-card" data-testid="contact-card" aria-label={t('chat.contactCard')}>
          <PersonIcon />
          <div>
            <strong>{card.name}</strong>
            {card.phones.map((phone) => (
              <div key={phone}>{phone}</div>
            ))}
            {card.emails?.map((email) => (
              <div key={email}>{email}</div>
            ))}
          </div>
        </div>
      ))}
      {interactive && (
        <div className="structured interactive" data-testid="interactive">
          {interactive.title && <div>{t('chat.chose', { title: interactive.title })}</div>}
          {interactive.answers && interactive.answers.length > 0 && (
            <>
              {!interactive.title && <div className="answers-title">{t('chat.flowAnswers')}</div>}
              <dl className="answers" aria-label={t('chat.flowAnswers')}>
                {interactive.answers.map((a, i) => (
                  <div key={i}>
                    <dt>{a.question}</dt>
                    <dd>{a.answer === 'true' ? t('chat.answerYes') : a.answer === 'false' ? t('chat.answerNo') : a.answer}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </div>
      )}
      {order && (
        <div className="structured order" data-testid="order">
          <strong>{t('chat.order')}</strong>
          <ul>
            {order.items.map((item, i) => (
              <li key={i}>
                {t('chat.orderItem', { quantity: item.quantity, product: item.productId })}
                {item.price !== undefined && item.currency && <span className="muted"> · {money(item.price, item.currency)}</span>}
              </li>
            ))}
          </ul>
          {order.total && <div className="order-total">{t('chat.orderTotal', { total: money(order.total.amount, order.total.currency) })}</div>}
          {order.note && <div className="muted">{order.note}</div>}
        </div>
      )}
    </>
  );
}
