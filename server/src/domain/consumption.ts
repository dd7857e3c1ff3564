/**
 * The consumption report (GET /consumption): opened windows (interactions) and delivered billable
 * templates with their estimated cost, merged per group; every day of the range for `day`; as
 * JSON or CSV for finance.
 */
import { stringify } from 'csv-stringify/sync';
import type { ConsumptionGroupBy, ConsumptionReport } from '../../../shared/api/consumption';
import { marketFor } from '../../../shared/domain/pricing';
import type { Queryable } from '../db/db';
import { countBillableMessages, countInteractions, countInteractionsByPhone, type InteractionCount, type PricedCount } from '../repo/consumption';
import { rateCardInForce } from '../repo/pricing';
import { countryOfPhone } from './phone';

type Item = ConsumptionReport['items'][number];
type Cost = Pick<Item, 'billableMessages' | 'unpricedMessages' | 'estimatedCost' | 'currency'>;

const DAY_MS = 24 * 3600_000;

/** Sums priced rows; several currencies cannot be added up, so the cost is then null. */
function costOf(rows: PricedCount[]): Cost {
  const currencies = new Set(rows.filter((r) => r.billable > r.unpriced).map((r) => r.currency));
  const single = currencies.size === 1 ? [...currencies][0]! : null;
  return {
    billableMessages: rows.reduce((n, r) => n + r.billable, 0),
    unpricedMessages: rows.reduce((n, r) => n + r.unpriced, 0),
    estimatedCost: single === null ? null : Math.round(rows.reduce((n, r) => n + r.cost, 0) * 1e6) / 1e6,
    currency: single,
  };
}

async function interactionsByMarket(db: Queryable, from: Date, to: Date): Promise<InteractionCount[]> {
  const card = await rateCardInForce(db, to);
  const counts = new Map<string, number>();
  for (const { phone, count } of await countInteractionsByPhone(db, from, to)) {
    const market = card && phone ? (marketFor(card, countryOfPhone(phone))?.market ?? 'unknown') : 'unknown';
    counts.set(market, (counts.get(market) ?? 0) + count);
  }
  return [...counts].map(([key, count]) => ({ key, label: null, count }));
}

export async function consumptionReport(db: Queryable, from: Date, to: Date, groupBy: ConsumptionGroupBy): Promise<Omit<ConsumptionReport, 'serverTime'>> {
  const interactions = groupBy === 'market' ? await interactionsByMarket(db, from, to) : await countInteractions(db, from, to, groupBy);
  const priced = await countBillableMessages(db, from, to, groupBy);
  const keys = new Map<string, string | null>();
  if (groupBy === 'day') {
    for (let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); t < to.getTime(); t += DAY_MS) keys.set(new Date(t).toISOString().slice(0, 10), null);
  }
  for (const r of [...interactions, ...priced]) keys.set(r.key, keys.get(r.key) ?? r.label);
  const items: Item[] = [...keys].map(([key, label]) => ({
    key,
    label,
    count: interactions.find((i) => i.key === key)?.count ?? 0,
    ...costOf(priced.filter((p) => p.key === key)),
  }));
  items.sort(groupBy === 'day' ? (a, b) => a.key.localeCompare(b.key) : (a, b) => b.count - a.count || b.billableMessages - a.billableMessages || a.key.localeCompare(b.key));
  return {
    groupBy,
    from: from.toISOString(),
    to: to.toISOString(),
    total: interactions.reduce((n, i) => n + i.count, 0),
    ...costOf(priced),
    items,
  };
}

/** The report as CSV: a header row, one row per item. */
export function consumptionCsv(report: Omit<ConsumptionReport, 'serverTime'>): string {
  return stringify(
    report.items.map((i) => [i.key, i.label ?? '', i.count, i.billableMessages, i.unpricedMessages, i.estimatedCost ?? '', i.currency ?? '']),
    { header: true, columns: [report.groupBy, 'label', 'interactions', 'billable_messages', 'unpriced_messages', 'estimated_cost', 'currency'] },
  );
}
