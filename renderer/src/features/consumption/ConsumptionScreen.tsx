import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ConsumptionGroupBy } from '../../../../shared/api/consumption';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { useServerClock } from '../../state/serverClock';
import { LoadError } from '../../ui/LoadError';
import { PricingAdmin } from './PricingAdmin';
import { ReportTable } from './ReportTable';
import '../../styles/pricing.css';

const PERIODS = [7, 30, 90] as const;
const GROUPS: ConsumptionGroupBy[] = ['day', 'agent', 'category', 'market'];

/** Saves text as a file through the browser's download (Electron asks where to save it). */
function saveFile(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Opened 24-hour windows (billable interactions) and the templates WhatsApp charges for, with
 * their estimated cost, per day (every day of the period), agent, category or market; the view
 * downloads as CSV. Administrators also load the rate card and set budgets here.
 */
export function ConsumptionScreen() {
  const { t, tn, errorText } = useI18n();
  const [days, setDays] = useState<number>(30);
  const [groupBy, setGroupBy] = useState<ConsumptionGroupBy>('day');
  const auth = useQuery({ queryKey: keys.auth, queryFn: () => call(api().auth.status()), staleTime: Infinity });
  const admin = auth.data?.state === 'signedIn' && auth.data.user.role === 'administrator';
  // Whole UTC days of the server's calendar (its clock may differ from ours), today included.
  const offset = useServerClock((s) => s.offsetMs);
  const range = useMemo(() => {
    const end = new Date(Date.now() + offset);
    end.setUTCHours(24, 0, 0, 0);
    return { from: new Date(end.getTime() - days * 86_400_000).toISOString(), to: end.toISOString() };
  }, [days, offset]);
  const report = useQuery({
    queryKey: keys.consumption(groupBy, days),
    queryFn: () => call(api().consumption.report({ groupBy, ...range })),
  });
  const download = useMutation({
    mutationFn: () => call(api().consumption.csv({ groupBy, ...range })),
    onSuccess: ({ fileName, csv }) => saveFile(fileName, csv),
  });

  return (
    <section className="settings consumption" aria-labelledby="consumption-title" data-testid="consumption-screen">
      <header className="settings-head">
        <h2 id="consumption-title">{t('consumption.title')}</h2>
      </header>
      <p className="muted">{t('consumption.explain')}</p>
      <p className="muted">{t('consumption.costExplain')}</p>
      <div className="consumption-filters">
        <label>
          <span>{t('consumption.range')}</span>
          <select data-testid="consumption-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((n) => (
              <option key={n} value={n}>
                {tn('consumption.days', n)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('consumption.groupBy')}</span>
          <select data-testid="consumption-group" value={groupBy} onChange={(e) => setGroupBy(e.target.value as ConsumptionGroupBy)}>
            {GROUPS.map((g) => (
              <option key={g} value={g}>
                {t(`consumption.by.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="download" data-testid="consumption-download" disabled={download.isPending} onClick={() => download.mutate()}>
          {t('consumption.download')}
        </button>
      </div>
      {download.isError && (
        <p className="error" role="alert">
          {t('consumption.downloadError')} {errorText(appErrorOf(download.error))}
        </p>
      )}
      {report.isPending ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : report.isError ? (
        <LoadError what="consumption.loadError" error={report.error} onRetry={() => void report.refetch()} />
      ) : report.data.items.length === 0 ? (
        <p className="muted state-box">{t('consumption.empty')}</p>
      ) : (
        <ReportTable report={report.data} />
      )}
      {admin && <PricingAdmin />}
    </section>
  );
}
