/** `GET /supervisor/expiring`: sessions whose window or auto-close deadline falls within the range. */
import { z } from 'zod';
import { ContactSummary, ConversationState, IsoDate } from './schemas';

export const ExpiringQuery = z.object({
  withinMinutes: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
});

export const ExpiringSession = z.object({
  conversationId: z.string(),
  state: ConversationState,
  contact: ContactSummary,
  agent: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** `window`: the 24-hour window of an open session ends; `auto_close`: a template's maximum wait ends. */
  kind: z.enum(['window', 'auto_close']),
  deadline: IsoDate,
  secondsLeft: z.number().int().nonnegative(),
});
export type ExpiringSession = z.infer<typeof ExpiringSession>;

export const ExpiringList = z.object({ items: z.array(ExpiringSession), serverTime: IsoDate });
export type ExpiringList = z.infer<typeof ExpiringList>;
