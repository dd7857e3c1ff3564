import type { ConsumptionGroupBy } from '../../../shared/api/consumption';
import type { Queryable } from '../db/db';

export interface InteractionCount {
  key: string;
  label: string | null;
  count: number;
}

const GROUPING: Record<ConsumptionGroupBy, { key: string; label: string; order: string }> = {
  day: { key: `to_char(i.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`, label: 'NULL', order: 'key ASC' },
  agent: { key: `COALESCE(i.agent_id::text, 'none')`, label: 'max(u.name)', order: 'count DESC, key ASC' },
  category: { key: 'i.category', label: 'NULL', order: 'count DESC, key ASC' },
};

/** Billable interactions opened in [from, to), counted per day (UTC), agent or category. */
export async function countInteractions(db: Queryable, from: Date, to: Date, groupBy: ConsumptionGroupBy): Promise<InteractionCount[]> {
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
