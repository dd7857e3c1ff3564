/** Administration: webhook deliveries the server could not apply (`/admin/webhook-failures`). */
import { z } from 'zod';
import { IsoDate, User } from './schemas';

export const WebhookFailure = z.object({
  /** The parked item's id, for replay. */
  id: z.string(),
  provider: z.string(),
  /** message, status, template_status, or delivery (a whole delivery that could not be split). */
  kind: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  failedAt: IsoDate.nullable(),
  receivedAt: IsoDate,
  /** The item as the provider reported it (what a replay applies). */
  payload: z.unknown().optional(),
});
export type WebhookFailure = z.infer<typeof WebhookFailure>;

export const WebhookFailureQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  /** An item id: the page after it (older failures). */
  before: z.string().regex(/^\d{1,18}$/).optional(),
});

export const WebhookFailurePage = z.object({ items: z.array(WebhookFailure), nextCursor: z.string().nullable(), serverTime: IsoDate });
export type WebhookFailurePage = z.infer<typeof WebhookFailurePage>;

/** An account as administrators see it (`/admin/users`): deactivated accounts cannot sign in. */
export const UserAccount = User.extend({ deactivatedAt: IsoDate.nullable() });
export type UserAccount = z.infer<typeof UserAccount>;

export const UserAccountList = z.object({ items: z.array(UserAccount), serverTime: IsoDate });
export type UserAccountList = z.infer<typeof UserAccountList>;
