import { BudgetList, RateCardList, TemplateQuote } from '../../../shared/api/pricing';
import type { pricingChannels } from '../../../shared/ipc/pricing';
import type { AuthSession } from '../auth/session';
import type { Handler } from './handlers';

type PricingHandlers = { [C in keyof typeof pricingChannels]: Handler<C> };

/** Prices (issue 20): quotes, the consumption CSV, the rate card and budgets. */
export function pricingHandlers(session: AuthSession): PricingHandlers {
  return {
    'templates:quote': (body) => session.client.post('/template-sends/quote', TemplateQuote, { json: body }),
    'consumption:csv': async (query) => {
      const csv = await session.client.getText('/consumption', { searchParams: { ...query, format: 'csv' }, timeoutMs: 60_000 });
      const day = (iso: string | undefined) => (iso ?? '').slice(0, 10);
      return { fileName: `zapdesk-consumption-${query.groupBy}${query.from ? `-${day(query.from)}-${day(query.to)}` : ''}.csv`, csv };
    },
    'pricing:rateCards': () => session.client.get('/admin/rate-card', RateCardList),
    'pricing:loadRateCard': (input) =>
      'csv' in input
        ? session.client.request('put', '/admin/rate-card', RateCardList, {
            body: input.csv, headers: { 'content-type': 'text/csv' }, searchParams: { effectiveFrom: input.effectiveFrom },
          })
        : session.client.request('put', '/admin/rate-card', RateCardList, { json: input.card }),
    'pricing:budgets': () => session.client.get('/admin/budgets', BudgetList),
    'pricing:setBudgets': (body) => session.client.request('put', '/admin/budgets', BudgetList, { json: body }),
  };
}
