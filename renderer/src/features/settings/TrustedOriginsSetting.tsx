import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { trustedOriginFrom, withTrustedOrigin } from './trustedOrigins';

/**
 * `trustedLinkOrigins`: the sites whose links open without asking. Each with Remove, then a field
 * and Add (Enter adds too). Locked by IT policy: shown, every control disabled, with the badge.
 */
export function TrustedOriginsSetting(props: { origins: string[]; managed: boolean; badge: ReactNode; onSave(origins: string[]): void }) {
  const { origins, managed, onSave } = props;
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<'invalid' | 'full' | null>(null);
  const ids = { label: useId(), hint: useId(), input: useId(), problem: useId() };
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // After a Remove, focus goes to the next Remove button (or the field), never to the page.
  const focusAfterRemove = useRef<number | null>(null);
  useEffect(() => {
    const index = focusAfterRemove.current;
    if (index === null) return;
    focusAfterRemove.current = null;
    const buttons = listRef.current?.querySelectorAll('button') ?? [];
    (buttons[Math.min(index, buttons.length - 1)] ?? inputRef.current)?.focus();
  }, [origins]);

  const add = () => {
    const origin = trustedOriginFrom(text);
    const next = origin ? withTrustedOrigin(origins, origin) : null;
    setProblem(!origin ? 'invalid' : !next ? 'full' : null);
    if (!next) return;
    if (next.length !== origins.length) onSave(next);
    setText('');
  };
  const remove = (index: number) => {
    focusAfterRemove.current = index;
    onSave(origins.filter((_, i) => i !== index));
  };

  return (
    <div className="setting" role="group" aria-labelledby={ids.label} aria-describedby={ids.hint} data-testid="setting-trustedLinkOrigins" data-managed={managed || undefined}>
      <div className="setting-head">
        <span id={ids.label} className="setting-label">
          {t('settings.trustedLinkOrigins')}
        </span>
        {props.badge}
      </div>
      <small id={ids.hint} className="muted">
        {t('settings.trustedLinkOriginsHint')}
      </small>
      {origins.length ? (
        <ul className="origin-list" ref={listRef} aria-labelledby={ids.label}>
          {origins.map((origin, index) => (
            <li key={origin} data-testid="trusted-origin">
              <span className="origin-text">{origin}</span>
              <button type="button" disabled={managed} aria-label={t('settings.trustedLinkOriginsRemoveOne', { origin })} onClick={() => remove(index)}>
                {t('settings.trustedLinkOriginsRemove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('settings.trustedLinkOriginsEmpty')}</p>
      )}
      <div className="origin-add">
        <label htmlFor={ids.input} className="sr-only">
          {t('settings.trustedLinkOriginsNew')}
        </label>
        <input
          id={ids.input}
          ref={inputRef}
          value={text}
          disabled={managed}
          inputMode="url"
          placeholder="https://*.example.com"
          spellCheck={false}
          autoCapitalize="off"
          aria-invalid={problem !== null || undefined}
          aria-describedby={problem ? ids.problem : undefined}
          data-testid="trusted-origin-input"
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
          }}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <button type="button" disabled={managed || !text.trim()} onClick={add} data-testid="trusted-origin-add">
          {t('settings.trustedLinkOriginsAdd')}
        </button>
      </div>
      {problem && (
        <small id={ids.problem} className="field-error" role="alert">
          {t(problem === 'invalid' ? 'settings.invalidOrigin' : 'settings.trustedLinkOriginsFull')}
        </small>
      )}
    </div>
  );
}
