/**
 * The one vocabulary of the English UI (issue 19): the catalogues take these words from here, so
 * every screen names a thing the same way. `avoid` lists the variants that crept in before; a
 * test keeps them out of every text.
 */
import type { TemplateStatus } from '../../api/templates';

export const glossaryEn = {
  terms: {
    email: 'Email',
    serverUrl: 'Server URL',
    templateStatus: { APPROVED: 'approved', PENDING: 'in review', REJECTED: 'rejected', PAUSED: 'paused', DISABLED: 'disabled', IN_APPEAL: 'in appeal', PENDING_DELETION: 'being deleted', DELETED: 'deleted', ARCHIVED: 'archived', LIMIT_EXCEEDED: 'over the template limit', LOCKED: 'locked' },
  },
  avoid: ['E-mail', 'e-mail', 'Server address', 'server address', 'Log in', 'log in', 'Chat bot'],
} as const satisfies Glossary;

export interface Glossary {
  terms: { email: string; serverUrl: string; templateStatus: Record<TemplateStatus, string> };
  avoid: readonly string[];
}

/** The catalogue keys `templateStatus.<STATUS>`, from a glossary. */
export function statusTexts(glossary: Glossary): Record<`templateStatus.${TemplateStatus}`, string> {
  return Object.fromEntries(Object.entries(glossary.terms.templateStatus).map(([status, text]) => [`templateStatus.${status}`, text])) as Record<`templateStatus.${TemplateStatus}`, string>;
}
