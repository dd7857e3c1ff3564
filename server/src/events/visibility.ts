import type { Role } from '../../../shared/api/schemas';
import type { EventBody } from './bus';

/** Who holds an event stream. */
export interface Viewer {
  id: string;
  role: Role;
}

export type VisibilityRule = (viewer: Viewer, event: EventBody) => boolean;

/**
 * The one rule for which events a user's stream carries. Today every role may see every
 * conversation (the inbox lists them all to everyone), so every conversation event passes; a rule
 * that hides conversations from some users belongs here and nowhere else. Budget alerts are for
 * supervisors and administrators only.
 */
export const mayView: VisibilityRule = (viewer, event) =>
  event.type !== 'budget.alert' || viewer.role === 'supervisor' || viewer.role === 'administrator';
