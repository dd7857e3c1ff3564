import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import type { Contact } from '../../../../shared/api/schemas';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { useUi } from '../../state/ui';
import { useFocusTrap } from '../../ui/useFocusTrap';

/** Search contacts; one with no open session goes straight to the template picker, one with a session opens it. */
export function NewConversation({ onClose }: { onClose(): void }) {
  const { t, errorText } = useI18n();
  const { selectConversation, startDraft } = useUi();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const contacts = useQuery({ queryKey: keys.contacts(query), queryFn: () => call(api().contacts.list({ q: query || undefined, limit: 50 })) });
  const input = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useFocusTrap(dialog);
  useEffect(() => input.current?.focus(), []);

  const open = (contact: Contact) => {
    if (contact.session.conversationId) selectConversation(contact.session.conversationId);
    else startDraft(contact.id);
    onClose();
  };
  const status = (contact: Contact) =>
    contact.session.canSendTemplate ? t('newConversation.available') : contact.session.blockedReason ? t(`error.${contact.session.blockedReason}`) : '';

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="dialog" role="dialog" aria-modal="true" aria-label={t('newConversation.title')} data-testid="new-conversation" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <header className="picker-head">
          <h2>{t('newConversation.title')}</h2>
          <button type="button" className="ghost" onClick={onClose} aria-label={t('picker.close')}>
            ✕
          </button>
        </header>
        <input ref={input} type="search" aria-label={t('newConversation.search')} placeholder={t('newConversation.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        {contacts.isPending ? (
          <p className="muted" role="status">{t('app.loading')}</p>
        ) : contacts.isError ? (
          <p className="error" role="alert">{errorText(appErrorOf(contacts.error))}</p>
        ) : contacts.data.items.length === 0 ? (
          <p className="muted">{t('newConversation.empty')}</p>
        ) : (
          <ul className="contact-results">
            {contacts.data.items.map((contact) => (
              <li key={contact.id}>
                <button type="button" data-testid="contact-option" onClick={() => open(contact)}>
                  <strong>{contact.name}</strong>
                  <span className="muted">{contact.phone ?? contact.email}</span>
                  <span className={contact.session.canSendTemplate ? 'ok' : 'muted'}>{status(contact)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
