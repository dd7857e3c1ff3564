/** `GET /consumption`: opened 24-hour windows (billable interactions), counted by day, agent or category. */
import { z } from 'zod';
import { IsoDate, withinDateBounds } from './schemas';

export const ConsumptionGroupBy = z.enum(['day', 'agent', 'category']);
export type ConsumptionGroupBy = z.infer<typeof ConsumptionGroupBy>;

/** SERVICE: the customer opened the window; the others: the customer answered a template of that category. */
export const InteractionCategory = z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION', 'SERVICE']);

export const ConsumptionQuery = z.object({
  /** Inclusive start (ISO date or date-time); default: 30 days before `to`. */
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).refine(withinDateBounds, { message: 'must be a date between 1970 and 9999' }).optional(),
  /** Exclusive end; default: now. */
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).refine(withinDateBounds, { message: 'must be a date between 1970 and 9999' }).optional(),
  groupBy: ConsumptionGroupBy.default('day'),
});
export type ConsumptionQuery = z.input<typeof ConsumptionQuery>;

export const ConsumptionReport = z.object({
  groupBy: ConsumptionGroupBy,
  from: IsoDate,
  to: IsoDate,
  total: z.number().int(),
  /**
   * `day`: key `YYYY-MM-DD` (UTC), oldest first; `agent`: key the user id (`none` when unassigned)
   * and label the name; `category`: key the category. Most first for agent and category.
   */
  items: z.array(z.object({ key: z.string(), label: z.string().nullable(), count: z.number().int() })),
  serverTime: IsoDate,
});
export type ConsumptionReport = z.infer<typeof ConsumptionReport>;
