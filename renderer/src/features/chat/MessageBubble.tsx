import type { Message } from '../../../../shared/api/schemas';
import { templateTitle } from '../../../../shared/domain/template-title';
import { isMessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n/i18n';
import { useDateLocale } from '../../i18n/date-locale';
import '../../styles/chat-media.css';
import { AttachmentView } from './AttachmentView';
import { StructuredContent } from './StructuredContent';
import { formatTime } from '../../ui/time';
import { TemplateText } from './TemplateText';

const TICKS: Partial<Record<Message['status'], string>> = { pending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' };

/** Kinds whose text is only a summary of the structured content shown instead. */
const SUMMARY_ONLY = new Set<Message['kind']>(['location', 'contacts', 'order', 'interactive']);

interface Props {
  message: Message;
  /** The message this one answers, when it is in the list. */
  replyTo?: Message;
  /** The signed-in user: their own messages say "You". */
  userId?: string;
  /** A message of an earlier conversation of the contact (chat history). */
  historic?: boolean;
}

/** "Lucas Ferreira took the conversation", "Otávio Pereira transferred it to Ana Ribeiro", "… left it unassigned". */
function assignmentText(t: ReturnType<typeof useI18n>['t'], message: Message): string {
  const change = message.assignment;
  if (!change) return message.text;
  if (!change.assignee) return t('assignment.unassigned', { by: change.by.name });
  if (change.assignee.id === change.by.id) return t('assignment.took', { name: change.assignee.name });
  return t('assignment.transferred', { by: change.by.name, name: change.assignee.name });
}

export function MessageBubble({ message, replyTo, userId, historic }: Props) {
  const { t } = useI18n();
  const dateLocale = useDateLocale();
  // A stable failure code (e.g. WHATSAPP_WINDOW_CLOSED) reads in the user's language; an unknown
  // one falls back to the provider's own words. WhatsApp's own title and details follow.
  const errorKey = `error.${message.error?.code ?? ''}`;
  const reason = isMessageKey(errorKey) ? t(errorKey) : (message.error?.message ?? t('status.failed'));
  const whatsappSays = [message.error?.title, message.error?.details].filter(Boolean).join(': ');
  const outbound = message.direction === 'outbound';
  const author = !outbound ? t('chat.customer') : message.author ? (message.author.id === userId ? t('chat.you') : message.author.name) : t('chat.bot');
  const testId = historic ? 'history-message' : 'message';
  const hasStructure = !!(message.location || message.contacts?.length || message.order || message.interactive?.title || message.interactive?.answers?.length);
  const showText = message.text.trim() !== '' && !(SUMMARY_ONLY.has(message.kind) && hasStructure);
  const time = (iso: string) => formatTime(iso, dateLocale);

  if (message.kind === 'system') {
    return (
      <div className="message system" data-testid={testId} data-message-id={message.id} data-direction={message.direction} data-kind="system">
        <p className={`system-note${message.assignment ? ' assignment-note' : ''}`} role="note" data-testid={message.assignment ? 'assignment-note' : undefined}>
          {assignmentText(t, message)}
        </p>
      </div>
    );
  }
  return (
    <div
      className={`message ${message.direction}`}
      data-testid={testId}
      data-message-id={message.id}
      data-direction={message.direction}
      data-status={message.status}
      data-kind={message.kind}
    >
      <div className={`bubble${message.attachments.length ? ' has-media' : ''}`}>
        {message.template && (
          <span className="template-tag" data-testid="template-tag">
            {t('chat.templateTag', { name: templateTitle(message.template.name) })}
          </span>
        )}
        {replyTo && (
          <blockquote className="reply-quote" aria-label={t('chat.replyTo')}>
            {replyTo.text || t(`media.${replyTo.attachments[0]?.type ?? 'document'}`)}
          </blockquote>
        )}
        {message.attachments.map((a) => (
          <AttachmentView key={a.id} attachment={a} caption={message.text} />
        ))}
        <StructuredContent message={message} />
        {showText && (message.template ? <TemplateText message={{ ...message, template: message.template }} /> : <p className="text">{message.text}</p>)}
        <div className="meta">
          <span className="author">{author}</span>
          {message.editedAt && (
            <span className="edited" data-testid="edited" title={t('chat.editedAt', { time: time(message.editedAt) })}>
              {t('chat.edited')}
            </span>
          )}
          <time dateTime={message.createdAt}>{time(message.createdAt)}</time>
          {outbound && TICKS[message.status] && (
            <span className={`ticks ticks-${message.status}`} title={t(`status.${message.status}`)} aria-label={t(`status.${message.status}`)}>
              {TICKS[message.status]}
            </span>
          )}
        </div>
        {message.status === 'failed' && (
          <p className="failed" role="note">
            {t('chat.failedBecause', { reason })}
            {whatsappSays && <span className="whatsapp-says"> {t('chat.whatsappSays', { text: whatsappSays })}</span>}
          </p>
        )}
        {message.reactions.length > 0 && (
          <ul className="reactions" aria-label={t('chat.reactions')} data-testid="reactions">
            {message.reactions.map((r) => (
              <li key={r.direction} title={t(r.direction === 'inbound' ? 'chat.reactionCustomer' : 'chat.reactionYou', { emoji: r.emoji })}>
                <span aria-hidden="true">{r.emoji}</span>
                <span className="sr-only">{t(r.direction === 'inbound' ? 'chat.reactionCustomer' : 'chat.reactionYou', { emoji: r.emoji })}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
