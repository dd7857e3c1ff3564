import { parseISO } from 'date-fns';
import type { ConsumptionReport } from '../../../../shared/api/consumption';
import { isMessageKey } from '../../../../shared/i18n';
import { formatMoney } from '../../../../shared/i18n/money';
import { useI18n } from '../../i18n/i18n';
import { useDateLocale } from '../../i18n/date-locale';
import { formatDate } from '../../ui/time';

type Item = ConsumptionReport['items'][number];
type Costs = Pick<Item, 'billableMessages' | 'unpricedMessages' | 'estimatedCost' | 'currency'>;

/** The cost cell: the amount, "several currencies", and how many charged templates have no price. */
function CostCell({ costs }: { costs: Costs }) {
  const { t, tn, language } = useI18n();
  if (costs.billableMessages === 0) return <span className="muted">–</span>;
  const amount = costs.estimatedCost === null ? t('consumption.mixedCurrencies') : formatMoney(language, costs.estimatedCost, costs.currency ?? 'USD');
  return (
    <>
      {costs.estimatedCost === null && costs.unpricedMessages === costs.billableMessages ? '' : amount}
      {costs.unpricedMessages > 0 && <span className="unpriced"> {tn('consumption.unpriced', costs.unpricedMessages)}</span>}
    </>
  );
}

/** One row per day (every day of the period), agent, category or market: interactions beside charged templates and their cost. */
export function ReportTable({ report }: { report: ConsumptionReport }) {
  const { t, tn } = useI18n();
  const dateLocale = useDateLocale();
  const label = (item: Item) => {
    if (report.groupBy === 'day') return formatDate(parseISO(item.key), dateLocale);
    if (report.groupBy === 'agent') return item.label ?? t('supervisor.unassigned');
    if (report.groupBy === 'market') return item.key === 'unknown' ? t('consumption.market.unknown') : item.key;
    const key = `category.${item.key}`;
    const priced = `price.category.${item.key}`;
    return isMessageKey(key) ? t(key) : isMessageKey(priced) ? t(priced) : item.key;
  };
  const max = Math.max(1, ...report.items.map((i) => i.count));
  return (
    <table className="report costs" data-testid="consumption-table">
      <thead>
        <tr>
          <th scope="col">{t(`consumption.by.${report.groupBy}`)}</th>
          <th scope="col" className="num">
            {t('consumption.count')}
          </th>
          <th scope="col" className="num narrow">
            {t('consumption.billable')}
          </th>
          <th scope="col" className="num narrow">
            {t('consumption.cost')}
          </th>
        </tr>
      </thead>
      <tbody>
        {report.items.map((item) => (
          <tr key={item.key} data-testid="consumption-row" className={item.count === 0 && item.billableMessages === 0 ? 'zero' : undefined}>
            <th scope="row">{label(item)}</th>
            <td className="num">
              <span className="bar" style={{ width: `${Math.round((item.count / max) * 100)}%` }} aria-hidden="true" />
              {item.count}
            </td>
            <td className="num narrow">{item.billableMessages}</td>
            <td className="num narrow" data-testid="consumption-cost">
              <CostCell costs={item} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={2}>{tn('consumption.total', report.total)}</td>
          <td className="num narrow">{report.billableMessages}</td>
          <td className="num narrow" data-testid="consumption-total-cost">
            <CostCell costs={report} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
