import type { MessageKey } from '../../../shared/i18n';
import { appErrorOf } from '../api/desktop';
import { useI18n } from '../i18n/i18n';

/** What could not be loaded, why (translated), and a way to try again. */
export function LoadError({ what, error, onRetry }: { what: MessageKey; error: unknown; onRetry(): void }) {
  const { t, errorText } = useI18n();
  return (
    <div className="state-box" role="alert">
      <p>{t(what)}</p>
      <p className="muted">{errorText(appErrorOf(error))}</p>
      <button type="button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
