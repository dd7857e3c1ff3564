import { useQuery } from '@tanstack/react-query';
import { parseISO } from 'date-fns';
import { useMemo, useState } from 'react';
import type { ConsumptionGroupBy, ConsumptionReport } from '../../../../shared/api/consumption';
import { isMessageKey } from '../../../../shared/i18n';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { useServerClock } from '../../state/serverClock';
import { LoadError } from '../../ui/LoadError';
import { formatDate } from '../../ui/time';

const PERIODS = [7, 30, 90] as const;
const GROUPS: ConsumptionGroupBy[] = ['day', 'agent', 'category'];

/** Opened 24-hour windows (billable interactions) per day, agent or category. */
export function ConsumptionScreen() {
  const { t, tn } = useI18n();
  const [days, setDays] = useState<number>(30);
  const [groupBy, setGroupBy] = useState<ConsumptionGroupBy>('day');
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

  return (
    <section className="settings consumption" aria-labelledby="consumption-title" data-testid="consumption-screen">
      <header className="settings-head">
        <h2 id="consumption-title">{t('consumption.title')}</h2>
      </header>
      <p className="muted">{t('consumption.explain')}</p>
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
      </div>
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
    </section>
  );
}

function ReportTable({ report }: { report: ConsumptionReport }) {
  const { t, tn, dateLocale } = useI18n();
  const label = (item: ConsumptionReport['items'][number]) => {
    if (report.groupBy === 'day') return formatDate(parseISO(item.key), dateLocale);
    if (report.groupBy === 'agent') return item.label ?? t('supervisor.unassigned');
    const key = `category.${item.key}`;
    return isMessageKey(key) ? t(key) : item.key;
  };
  const max = Math.max(...report.items.map((i) => i.count));
  return (
    <table className="report" data-testid="consumption-table">
      <thead>
        <tr>
          <th scope="col">{t(`consumption.by.${report.groupBy}`)}</th>
          <th scope="col" className="num">
            {t('consumption.count')}
          </th>
        </tr>
      </thead>
      <tbody>
        {report.items.map((item) => (
          <tr key={item.key} data-testid="consumption-row">
            <th scope="row">{label(item)}</th>
            <td className="num">
              <span className="bar" style={{ width: `${Math.round((item.count / max) * 100)}%` }} aria-hidden="true" />
              {item.count}
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={2}>{tn('consumption.total', report.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
