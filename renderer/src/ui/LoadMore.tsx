import { useI18n } from '../i18n/i18n';

/** The last row of a paged list. */
export function LoadMore({ onMore, loading }: { onMore(): void; loading: boolean }) {
  const { t } = useI18n();
  return (
    <li className="more">
      <button type="button" onClick={onMore} disabled={loading}>
        {t('inbox.loadMore')}
      </button>
    </li>
  );
}
