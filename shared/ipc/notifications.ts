/** Desktop notifications as the core decides them; each shell shows them its own way. */
import { z } from 'zod';

export const NotificationKind = z.enum([
  'customer_replied',
  'window_expiring',
  'auto_close_soon',
  'auto_closed',
  'supervisor_expiring',
  'summary',
  /** Supervisors and administrators: a template category reached 80 % or 100 % of its monthly budget. */
  'budget_alert',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const DesktopNotification = z.object({
  /** Unique per notification; the same event never gets a second one. */
  id: z.string(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  /** Clicking opens this conversation. */
  conversationId: z.string().nullable(),
  urgency: z.enum(['normal', 'critical']),
  /**
   * For a notification about a deadline: the deadline (server time) and the body with `{time}`
   * still in it, so an in-app toast shows the time left at each moment, never a frozen one.
   */
  countdown: z.object({ at: z.string(), text: z.string() }).nullable().optional(),
  silent: z.boolean(),
  createdAt: z.string(),
});
export type DesktopNotification = z.infer<typeof DesktopNotification>;

/** Sent to the renderer when a notification is clicked: bring this conversation forward. */
export const NavigateEvent = z.object({ conversationId: z.string() });
export type NavigateEvent = z.infer<typeof NavigateEvent>;
