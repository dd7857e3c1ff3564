import type { TemplateCategory } from '../../../shared/api/templates';
import type { Queryable } from '../db/db';

export interface Budget {
  category: TemplateCategory;
  amount: number;
  currency: string;
}

export async function listBudgets(db: Queryable): Promise<Budget[]> {
  const { rows } = await db.query<{ category: TemplateCategory; amount: number; currency: string }>(
    `SELECT category, amount::float8 AS amount, currency FROM budgets ORDER BY category`,
  );
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/** Sets the given categories' budgets; a null amount removes one. */
export async function putBudgets(db: Queryable, budgets: { category: TemplateCategory; amount: number | null; currency: string }[], now: Date): Promise<void> {
  for (const b of budgets) {
    if (b.amount === null) await db.query(`DELETE FROM budgets WHERE category = $1`, [b.category]);
    else {
      await db.query(
        `INSERT INTO budgets (category, amount, currency, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (category) DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency, updated_at = EXCLUDED.updated_at`,
        [b.category, b.amount, b.currency, now],
      );
    }
  }
}

/**
 * A month's estimated spend per template category (authentication-international counts as
 * authentication) in a currency: billable templates delivered (or read), sent in that UTC month.
 */
export async function monthSpend(db: Queryable, month: string, currency: string): Promise<Map<TemplateCategory, number>> {
  const { rows } = await db.query<{ category: TemplateCategory; spent: number }>(
    `SELECT CASE WHEN p.category = 'AUTHENTICATION_INTERNATIONAL' THEN 'AUTHENTICATION' ELSE p.category END AS category,
            COALESCE(sum(p.amount), 0)::float8 AS spent
     FROM message_prices p JOIN messages m ON m.id = p.message_id
     WHERE p.billable AND p.currency = $2 AND m.status IN ('delivered', 'read')
       AND m.created_at >= ($1 || '-01')::date AT TIME ZONE 'UTC' AND m.created_at < (($1 || '-01')::date + interval '1 month') AT TIME ZONE 'UTC'
     GROUP BY 1`,
    [month, currency],
  );
  return new Map(rows.map((r) => [r.category, Number(r.spent)]));
}

/** The UTC months (YYYY-MM) these messages were sent in. */
export async function monthsOfMessages(db: Queryable, messageIds: string[]): Promise<string[]> {
  if (!messageIds.length) return [];
  const { rows } = await db.query<{ month: string }>(
    `SELECT DISTINCT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month FROM messages WHERE id = ANY($1::uuid[]) AND kind = 'template'`,
    [messageIds],
  );
  return rows.map((r) => r.month);
}

/** Claims an alert: true only for the first caller (any instance) for this category, month and threshold. */
export async function claimBudgetAlert(db: Queryable, category: TemplateCategory, month: string, threshold: number, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `INSERT INTO budget_alerts (category, month, threshold, alerted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING 1`,
    [category, month, threshold, now],
  );
  return rows.length > 0;
}

