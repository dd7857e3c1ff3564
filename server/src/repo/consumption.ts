import type { ConsumptionGroupBy } from '../../../shared/api/consumption';
import type { Queryable } from '../db/db';

export interface InteractionCount {
  key: string;
  label: string | null;
  count: number;
}

type Grouped = Exclude<ConsumptionGroupBy, 'market'>;

const GROUPING: Record<Grouped, { key: string; label: string; order: string }> = {
  day: { key: `to_char(i.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`, label: 'NULL', order: 'key ASC' },
  agent: { key: `COALESCE(i.agent_id::text, 'none')`, label: 'max(u.name)', order: 'count DESC, key ASC' },
  category: { key: 'i.category', label: 'NULL', order: 'count DESC, key ASC' },
};

/** Billable interactions opened in [from, to), counted per day (UTC), agent or category. */
export async function countInteractions(db: Queryable, from: Date, to: Date, groupBy: Grouped): Promise<InteractionCount[]> {
  const grouping = GROUPING[groupBy];
  const { rows } = await db.query<InteractionCount>(
    `SELECT ${grouping.key} AS key, ${grouping.label} AS label, count(*)::int AS count
     FROM interactions i LEFT JOIN users u ON u.id = i.agent_id
     WHERE i.opened_at >= $1 AND i.opened_at < $2
     GROUP BY 1 ORDER BY ${grouping.order}`,
    [from, to],
  );
  return rows.map((r) => ({ key: r.key, label: r.label, count: r.count }));
}

/** Interactions opened in [from, to) per contact number (their market is found from it). */
export async function countInteractionsByPhone(db: Queryable, from: Date, to: Date): Promise<{ phone: string | null; count: number }[]> {
  const { rows } = await db.query<{ phone: string | null; count: number }>(
    `SELECT COALESCE(c.wa_id, c.phone) AS phone, count(*)::int AS count
     FROM interactions i JOIN conversations cv ON cv.id = i.conversation_id JOIN contacts c ON c.id = cv.contact_id
     WHERE i.opened_at >= $1 AND i.opened_at < $2 GROUP BY 1`,
    [from, to],
  );
  return rows;
}

export interface PricedCount {
  key: string;
  label: string | null;
  currency: string | null;
  billable: number;
  unpriced: number;
  cost: number;
}

const MESSAGE_GROUPING: Record<ConsumptionGroupBy, { key: string; label: string }> = {
  day: { key: `to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`, label: 'NULL' },
  agent: { key: `COALESCE(m.author_id::text, 'none')`, label: 'max(u.name)' },
  category: { key: 'p.category', label: 'NULL' },
  market: { key: `COALESCE(p.market, 'unknown')`, label: 'NULL' },
};

/** Billable templates sent in [from, to) and delivered (WhatsApp charges on delivery), per group and currency. */
export async function countBillableMessages(db: Queryable, from: Date, to: Date, groupBy: ConsumptionGroupBy): Promise<PricedCount[]> {
  const grouping = MESSAGE_GROUPING[groupBy];
  const { rows } = await db.query<PricedCount>(
    `SELECT ${grouping.key} AS key, ${grouping.label} AS label, p.currency, count(*)::int AS billable,
            (count(*) FILTER (WHERE p.amount IS NULL))::int AS unpriced, COALESCE(sum(p.amount), 0)::float8 AS cost
     FROM message_prices p JOIN messages m ON m.id = p.message_id LEFT JOIN users u ON u.id = m.author_id
     WHERE p.billable AND m.status IN ('delivered', 'read') AND m.created_at >= $1 AND m.created_at < $2
     GROUP BY 1, p.currency`,
    [from, to],
  );
  return rows.map((r) => ({ ...r, cost: Number(r.cost) }));
}
