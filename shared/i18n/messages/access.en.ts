/** English texts of issue 19 (screen-reader announcements, template statuses, empty states), and the glossary's words. */
import { glossaryEn as g, statusTexts } from '../glossary/en';

export const accessEn = {
  'login.serverUrl': g.terms.serverUrl,
  'login.email': g.terms.email,
  'ticket.email': g.terms.email,
  'settings.serverUrl': g.terms.serverUrl,
  ...statusTexts(g),
  'live.chatMessage': '{name} wrote: {text}',
  'live.chatMessages': '{name} wrote {count} new messages. The last: {text}',
  'live.inbox.one': '{count} new customer message in the inbox, from {names}.',
  'live.inbox.other': '{count} new customer messages in the inbox, from {names}.',
  'live.windowEnding': 'The 24-hour window with {name} closes in {time}.',
  'live.autoCloseEnding': 'The conversation with {name} closes in {time} if the customer does not reply.',
  'ticket.closedByAgent': 'WhatsApp conversation closed by {name}',
  'ticket.emptyTimeline': 'No notes or closed conversations on this ticket yet. Add a note, or start a WhatsApp conversation: its history comes here when it closes.',
  'ticket.emptyTimelineChat': 'No notes yet. The WhatsApp conversation beside comes here, with its history, once it closes.',
  'newConversation.optedOut': 'Stopped marketing messages: only utility and authentication templates can be sent.',
  'newConversation.cannotOpen': 'Cannot start a conversation: {reason}',
  'draft.restored': 'Draft kept from before',
} as const;
