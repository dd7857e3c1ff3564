import type { Contact } from '../../../../shared/api/schemas';
import type { Translate } from '../templates/field-label';

export interface Reach {
  /** Whether choosing the contact opens something: its open conversation, or the template picker. */
  opens: boolean;
  tone: 'ok' | 'warn' | 'blocked';
  text: string;
}

/**
 * What New conversation says of a contact before anything opens (issue 19): whether a template
 * can go to them, and if not why (not on WhatsApp, in a chatbot, an open session, marketing
 * stopped). A contact nothing can be done with is listed but does not open.
 */
export function contactReach(contact: Contact, t: Translate): Reach {
  const { session } = contact;
  if (!contact.whatsapp) return { opens: false, tone: 'blocked', text: t('error.CHANNEL_NOT_WHATSAPP') };
  if (session.canSendTemplate) {
    return contact.marketingOptOutAt
      ? { opens: true, tone: 'warn', text: t('newConversation.optedOut') }
      : { opens: true, tone: 'ok', text: t('newConversation.available') };
  }
  const why = session.blockedReason ? t(`error.${session.blockedReason}`) : '';
  // An open session (or the chatbot's) can still be read: choosing it opens that conversation.
  return session.conversationId ? { opens: true, tone: 'warn', text: why } : { opens: false, tone: 'blocked', text: t('newConversation.cannotOpen', { reason: why }) };
}
