import type { BlockedReason, ConversationState } from '../../../../shared/api/schemas';
import type { MessageKey, MessageParams } from '../../../../shared/i18n';

type Translate = (key: MessageKey, params?: MessageParams) => string;

export interface GateInput {
  /** Inside the customer's 24-hour window (before any lock). */
  inWindow: boolean;
  /** Set when someone else has the conversation: the text that says so. */
  lockedText?: string | null;
  canUseTemplates: boolean;
  state: ConversationState | null;
  blockedReason: BlockedReason | null;
  hasContent: boolean;
  fileProblem: boolean;
  pending: boolean;
}

export interface Gate {
  placeholder: string;
  /** Why each button is disabled, or null when it is not. */
  templates: string | null;
  attach: string | null;
  send: string | null;
}

/**
 * What the composer says: its placeholder (the chatbot has the customer, the template waits for a
 * reply, the window is closed...) and, for each disabled button, why.
 */
export function composerGate(t: Translate, g: GateInput): Gate {
  const writable = g.inWindow && !g.lockedText;
  const waitText =
    g.state === 'bot' || g.blockedReason === 'CONTACT_IN_CHATBOT'
      ? t('composer.botPlaceholder')
      : g.state === 'waiting'
        ? t('composer.replyPlaceholder')
        : t('composer.waitPlaceholder');
  const closed = g.lockedText ?? t('composer.sendBlocked.closed');
  return {
    placeholder: g.lockedText ?? (!writable ? (g.canUseTemplates ? t('composer.closedPlaceholder') : waitText) : g.canUseTemplates ? t('composer.placeholder') : t('composer.placeholderPlain')),
    templates: g.canUseTemplates
      ? null
      : (g.lockedText ?? (g.inWindow ? t('composer.templatesBlocked.window') : g.blockedReason ? t(`error.${g.blockedReason}`) : null)),
    attach: g.pending ? null : writable ? null : (g.lockedText ?? t('composer.attachBlocked')),
    send: g.pending ? null : !writable ? closed : g.fileProblem ? t('composer.sendBlocked.file') : !g.hasContent ? t('composer.sendBlocked.empty') : null,
  };
}
