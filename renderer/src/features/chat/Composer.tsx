import { useMutation } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import { api, appErrorOf, call } from '../../api/desktop';
import { useI18n } from '../../i18n/i18n';

interface Props {
  conversationId: string | null;
  /** Free text is allowed only inside an open 24-hour window. */
  windowOpen: boolean;
  canUseTemplates: boolean;
  onOpenTemplates(): void;
}

/** Free text inside the window; outside it, disabled and pointing to the templates. `/` opens them. */
export function Composer({ conversationId, windowOpen, canUseTemplates, onOpenTemplates }: Props) {
  const { t, errorText } = useI18n();
  const [text, setText] = useState('');
  const send = useMutation({
    mutationFn: (body: string) => call(api().messages.send({ conversationId: conversationId!, text: body })),
    // The draft is cleared only once the server has it: a failure never loses what was typed.
    onSuccess: () => setText(''),
  });
  const submit = () => {
    const body = text.trim();
    if (body && windowOpen && conversationId && !send.isPending) send.mutate(body);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === '/' && text === '' && canUseTemplates) {
      event.preventDefault();
      onOpenTemplates();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <div className="composer">
      {send.error && (
        <p className="error" role="alert">
          {errorText(appErrorOf(send.error))}
        </p>
      )}
      <div className="composer-row">
        <button type="button" onClick={onOpenTemplates} disabled={!canUseTemplates} data-testid="templates-button">
          {t('composer.templates')}
        </button>
        <textarea
          aria-label={t('composer.label')}
          data-testid="composer"
          rows={2}
          value={text}
          readOnly={!windowOpen}
          aria-disabled={!windowOpen}
          placeholder={windowOpen ? t('composer.placeholder') : canUseTemplates ? t('composer.closedPlaceholder') : t('composer.waitPlaceholder')}
          onChange={(e) => windowOpen && setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="primary" onClick={submit} disabled={!windowOpen || !text.trim() || send.isPending}>
          {t('composer.send')}
        </button>
      </div>
    </div>
  );
}
