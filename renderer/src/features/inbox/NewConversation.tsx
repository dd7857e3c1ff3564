import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Contact } from '../../../../shared/api/schemas';
import { contactTitle } from '../../../../shared/domain/contact-name';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { useUi } from '../../state/ui';
import { nextActive } from '../../ui/listKeys';
import { Dialog } from '../../ui/Dialog';
import { contactReach } from './contactReach';
import '../../styles/workflow.css';

/**
 * Search contacts (a combobox over a listbox: arrows, Home and End move, Enter opens); one with no
 * open session goes straight to the template picker, one with a session opens it.
 */
export function NewConversation({ onClose }: { onClose(): void }) {
  const { t, errorText } = useI18n();
  const { selectConversation, startDraft } = useUi();
  const [q, setQ] = useState('');
  const query = useDeferredValue(q.trim());
  const contacts = useQuery({ queryKey: keys.contacts(query), queryFn: () => call(api().contacts.list({ q: query || undefined, limit: 50 })) });
  const items = contacts.data?.items ?? [];
  // Whether the options on screen are for what is typed: while the deferred query catches up they
  // are the previous text's, and Enter must not open one of those.
  const current = query === q.trim() && contacts.isSuccess;
  // Enter pressed before this text's options came: the first of them opens once they are in.
  const openFirst = useRef(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => setActive(0), [query]);
  const activeId = items[active] ? `contact-option-${items[active].id}` : undefined;
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const open = (contact: Contact) => {
    // Nothing to open (not on WhatsApp, blocked with no conversation): the option already says why.
    if (!contactReach(contact, t).opens) return;
    if (contact.session.conversationId) selectConversation(contact.session.conversationId);
    else startDraft(contact.id);
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const next = nextActive(event.key, active, items.length);
    if (next !== null) {
      event.preventDefault();
      setActive(next);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!current) openFirst.current = true;
      else if (items[active]) open(items[active]);
    }
  };
  useEffect(() => {
    if (!openFirst.current || !current) return;
    openFirst.current = false;
    if (items[0]) open(items[0]);
  });
  const listed = !contacts.isPending && !contacts.isError && items.length > 0;

  return (
    <Dialog title={t('newConversation.title')} closeLabel={t('picker.close')} testId="new-conversation" onClose={onClose}>
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label={t('newConversation.search')}
        aria-describedby="new-conversation-keys"
        aria-autocomplete="list"
        aria-expanded={listed}
        aria-controls="contact-results"
        aria-activedescendant={listed ? activeId : undefined}
        placeholder={t('newConversation.search')}
        value={q}
        onChange={(e) => {
          openFirst.current = false; // typing on: that Enter was for the text before
          setQ(e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <p id="new-conversation-keys" className="muted keys-hint">
        {t('newConversation.keys')}
      </p>
      {contacts.isPending ? (
        <p className="muted" role="status">{t('app.loading')}</p>
      ) : contacts.isError ? (
        <p className="error" role="alert">{errorText(appErrorOf(contacts.error))}</p>
      ) : items.length === 0 ? (
        <p className="muted">{t('newConversation.empty')}</p>
      ) : (
        <ul id="contact-results" className="contact-results" role="listbox" aria-label={t('newConversation.results')}>
          {items.map((contact, i) => {
            const { title, subtitle } = contactTitle(contact);
            const reach = contactReach(contact, t);
            return (
              <li
                key={contact.id}
                id={`contact-option-${contact.id}`}
                role="option"
                aria-selected={i === active}
                aria-disabled={!reach.opens || undefined}
                data-reach={reach.tone}
                data-testid="contact-option"
                onMouseMove={() => i !== active && setActive(i)}
                onClick={() => open(contact)}
              >
                {/* No tab stop inside: the search box keeps the focus and the arrows move (aria-activedescendant). */}
                <strong>{title}</strong>
                <span className="muted">{subtitle ?? ''}</span>
                <span className={`reach reach-${reach.tone}`} data-testid="contact-reach">
                  {reach.text}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Dialog>
  );
}
