/**
 * `GET /consumption`: opened 24-hour windows (billable interactions) and, since issue 20, the
 * templates WhatsApp charges for (delivered, billable) with their estimated cost, by day, agent,
 * category or market; `format=csv` gives the same report as CSV.
 */
import { z } from 'zod';
import { IsoDate, withinDateBounds } from './schemas';

export const ConsumptionGroupBy = z.enum(['day', 'agent', 'category', 'market']);
export type ConsumptionGroupBy = z.infer<typeof ConsumptionGroupBy>;

/** SERVICE: the customer opened the window; the others: the customer answered a template of that category. */
export const InteractionCategory = z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION', 'SERVICE']);

export const ConsumptionQuery = z.object({
  /** Inclusive start (ISO date or date-time); default: 30 days before `to`. */
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).refine(withinDateBounds, { message: 'must be a date between 1970 and 9999' }).optional(),
  /** Exclusive end; default: now. */
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).refine(withinDateBounds, { message: 'must be a date between 1970 and 9999' }).optional(),
  groupBy: ConsumptionGroupBy.default('day'),
  /** `csv`: `text/csv`, a header row and one row per item. */
  format: z.enum(['json', 'csv']).default('json'),
});
export type ConsumptionQuery = z.input<typeof ConsumptionQuery>;

/** Delivered templates WhatsApp charges for, and what they cost by the rate card (issue 20). */
const Cost = z.object({
  billableMessages: z.number().int(),
  /** Billable messages the rate card has no price for (not in estimatedCost). */
  unpricedMessages: z.number().int(),
  /** Null when nothing is priced, or the prices are in more than one currency. */
  estimatedCost: z.number().nullable(),
  currency: z.string().nullable(),
});

export const ConsumptionReport = z.object({
  groupBy: ConsumptionGroupBy,
  from: IsoDate,
  to: IsoDate,
  /** Interactions (opened windows) in the range. */
  total: z.number().int(),
  ...Cost.shape,
  /**
   * `day`: key `YYYY-MM-DD` (UTC), every day of the range, oldest first; `agent`: key the user id
   * (`none` when unassigned) and label the name; `category`: key the category (a template's
   * billing category for messages, SERVICE for windows the customer opened); `market`: key the rate
   * card's market (`unknown` when none). Most first for agent, category and market.
   */
  items: z.array(z.object({ key: z.string(), label: z.string().nullable(), count: z.number().int(), ...Cost.shape })),
  serverTime: IsoDate,
});
export type ConsumptionReport = z.infer<typeof ConsumptionReport>;
