import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { BudgetList, RateCardList } from '../../../../shared/api/pricing';
import type { TemplateCategory } from '../../../../shared/api/templates';
import { formatMoney } from '../../../../shared/i18n/money';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';

const CATEGORIES: TemplateCategory[] = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];

/** Administrators: load Meta's rate card (CSV) and see which card is in force. */
function RateCards() {
  const { t, tn, errorText } = useI18n();
  const client = useQueryClient();
  const cards = useQuery({ queryKey: keys.rateCards, queryFn: () => call(api().pricing.rateCards()) });
  const [file, setFile] = useState<File | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const load = useMutation({
    mutationFn: async () => call(api().pricing.loadRateCard({ csv: await file!.text(), effectiveFrom: effectiveFrom || undefined })),
    onSuccess: (list: RateCardList) => {
      client.setQueryData(keys.rateCards, list);
      void client.invalidateQueries({ queryKey: ['quote'] });
      void client.invalidateQueries({ queryKey: ['consumption'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) load.mutate();
  };
  const rows = load.isError ? (appErrorOf(load.error).fields ?? []) : [];
  return (
    <div className="rate-cards" id="rate-card">
      {cards.data && cards.data.cards.length === 0 && <p className="muted">{t('pricing.rateCard.none')}</p>}
      <ul className="card-list" data-testid="rate-card-list">
        {cards.data?.cards.map((card) => (
          <li key={card.effectiveFrom} className={card.effectiveFrom === cards.data.inForce ? 'in-force' : undefined}>
            <strong>{card.effectiveFrom}</strong> · {card.currency} · {tn('pricing.rateCard.markets', card.markets.length)}
            {card.name && <> · {card.name}</>}
            {card.effectiveFrom === cards.data.inForce && <span className="badge">{t('pricing.rateCard.inForce')}</span>}
          </li>
        ))}
      </ul>
      <form className="rate-card-form" onSubmit={submit}>
        <label>
          <span>{t('pricing.rateCard.file')}</span>
          <input type="file" accept=".csv,text/csv" data-testid="rate-card-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label>
          <span>{t('pricing.rateCard.effectiveFrom')}</span>
          <input type="date" value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} />
        </label>
        <button type="submit" disabled={!file || load.isPending} data-testid="rate-card-load">
          {t('pricing.rateCard.load')}
        </button>
      </form>
      {load.isSuccess && <p role="status">{t('pricing.rateCard.loaded')}</p>}
      {load.isError && (
        <div className="error" role="alert">
          <p>{errorText(appErrorOf(load.error))}</p>
          {rows.length > 0 && (
            <ul>
              {rows.slice(0, 20).map((r) => (
                <li key={r.path}>
                  {r.path}: {r.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** Administrators: a monthly budget per category, with this month's spend. */
function Budgets() {
  const { t, language, errorText } = useI18n();
  const client = useQueryClient();
  const budgets = useQuery({ queryKey: keys.budgets, queryFn: () => call(api().pricing.budgets()) });
  const cards = useQuery({ queryKey: keys.rateCards, queryFn: () => call(api().pricing.rateCards()) });
  const currency = cards.data?.cards.find((c) => c.effectiveFrom === cards.data.inForce)?.currency ?? budgets.data?.items[0]?.currency ?? 'USD';
  const [draft, setDraft] = useState<Partial<Record<TemplateCategory, string>>>({});
  const value = (category: TemplateCategory) => draft[category] ?? String(budgets.data?.items.find((b) => b.category === category)?.amount ?? '');
  const save = useMutation({
    mutationFn: () =>
      call(api().pricing.setBudgets({
        budgets: CATEGORIES.map((category) => ({ category, currency, amount: value(category).trim() ? Number(value(category).replace(',', '.')) : null })),
      })),
    onSuccess: (list: BudgetList) => {
      client.setQueryData(keys.budgets, list);
      setDraft({});
    },
  });
  return (
    <form className="budgets" data-testid="budgets" onSubmit={(e) => (e.preventDefault(), save.mutate())}>
      <h4>{t('pricing.budgets.title')}</h4>
      <p className="muted">{t('pricing.budgets.explain')}</p>
      {CATEGORIES.map((category) => {
        const item = budgets.data?.items.find((b) => b.category === category);
        return (
          <label key={category}>
            <span>{t('pricing.budgets.amount', { category: t(`price.category.${category}`) })} ({currency})</span>
            <input inputMode="decimal" value={value(category)} onChange={(e) => setDraft({ ...draft, [category]: e.target.value })} />
            {item && (
              <span className="muted">
                {t('pricing.budgets.spent', { spent: formatMoney(language, item.spent, item.currency), budget: formatMoney(language, item.amount, item.currency) })}
              </span>
            )}
          </label>
        );
      })}
      <button type="submit" disabled={save.isPending}>
        {t('pricing.budgets.save')}
      </button>
      {save.isSuccess && <p role="status">{t('pricing.budgets.saved')}</p>}
      {save.isError && (
        <p className="error" role="alert">
          {errorText(appErrorOf(save.error))}
        </p>
      )}
    </form>
  );
}

/** The administrators' part of the consumption screen: rate card and budgets. */
export function PricingAdmin() {
  const { t } = useI18n();
  return (
    <section className="pricing-admin" aria-labelledby="pricing-admin-title" data-testid="pricing-admin">
      <h3 id="pricing-admin-title">{t('pricing.admin.title')}</h3>
      <p className="muted">{t('pricing.admin.explain')}</p>
      <RateCards />
      <Budgets />
    </section>
  );
}
