import { LANGUAGES } from '../../../shared/i18n';
import type { Language } from '../../../shared/ipc/contract';
import { useI18n } from '../i18n/i18n';

export function LanguageSelect() {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className="language">
      <span className="sr-only">{t('common.language')}</span>
      <select
        data-testid="language-select"
        aria-label={t('common.language')}
        value={language}
        onChange={(e) => setLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
