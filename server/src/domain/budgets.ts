/**
 * Monthly budgets per template category: when this month's estimated spend on delivered
 * templates reaches 80 % and then 100 % of a budget, supervisors and administrators get a
 * `budget.alert` event (desktop notification), once per category, month and threshold. "Once" is
 * decided by the database (a unique row per alert), so several server instances never repeat one.
 */
import { BUDGET_THRESHOLDS } from '../../../shared/api/pricing';
import type { Message } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import type { EventBody } from '../events/bus';
import { claimBudgetAlert, listBudgets, monthSpend, monthsOfMessages } from '../repo/budgets';

type Append = (tx: Queryable, bodies: EventBody[]) => Promise<void>;

/** After templates were delivered: alerts for every budget their months crossed. */
export async function checkBudgets(tx: Queryable, append: Append, delivered: Pick<Message, 'id' | 'kind' | 'status'>[], now: Date): Promise<void> {
  const ids = delivered.filter((m) => m.kind === 'template' && (m.status === 'delivered' || m.status === 'read')).map((m) => m.id);
  if (!ids.length) return;
  const budgets = await listBudgets(tx);
  if (!budgets.length) return;
  const alerts: EventBody[] = [];
  for (const month of await monthsOfMessages(tx, ids)) {
    for (const currency of new Set(budgets.map((b) => b.currency))) {
      const spend = await monthSpend(tx, month, currency);
      for (const budget of budgets.filter((b) => b.currency === currency)) {
        const spent = spend.get(budget.category) ?? 0;
        for (const threshold of BUDGET_THRESHOLDS) {
          if (spent < (budget.amount * threshold) / 100 || !(await claimBudgetAlert(tx, budget.category, month, threshold, now))) continue;
          alerts.push({ type: 'budget.alert', category: budget.category, month, threshold, spent, budget: budget.amount, currency });
        }
      }
    }
  }
  if (alerts.length) await append(tx, alerts);
}

/** YYYY-MM of an instant, UTC (budgets are per UTC month). */
export function monthOfDate(at: Date): string {
  return at.toISOString().slice(0, 7);
}
