import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TemplateSendResponse } from '../../../../shared/api/templates';
import type { Conversation, User } from '../../../../shared/api/schemas';
import type { AppError } from '../../../../shared/ipc/contract';
import { contactTitle } from '../../../../shared/domain/contact-name';
import { canSendTemplates } from '../../../../shared/domain/session';
import { isBefore } from '../../../../shared/domain/window';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { StateBadge } from '../../ui/StateBadge';
import { useServerNow } from '../../ui/time';
import { TemplatePicker } from '../templates/TemplatePicker';
import { CloseButton } from './CloseButton';
import { TicketLink } from './TicketLink';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { seedMessagePages, useMessagePages } from './messagePages';
import { heldByOther, OwnerActions, OwnershipNotice } from './Ownership';
import { BlockedReason } from './SendGate';
import { WindowBanner } from './WindowBanner';

export interface ChatTarget {
  conversationId: string | null;
  /** A contact with no session yet: the chat opens on the template picker. */
  draftContactId: string | null;
  /** The ticket a new conversation is linked to (from the ticket screen). */
  ticketId?: string;
}

interface Props {
  user: User;
  target: ChatTarget;
  onOpenConversation(id: string): void;
  onOpenTicket?(id: string): void;
}

/** A WhatsApp chat: banner, messages, composer and template picker; or a new one for a contact. */
export function ConversationView({ user, target, onOpenConversation, onOpenTicket }: Props) {
  const { t } = useI18n();
  const client = useQueryClient();
  const { conversationId: id, draftContactId } = target;
  const [pickerOpen, setPickerOpen] = useState(false);
  const conversation = useQuery({ queryKey: keys.conversation(id ?? ''), queryFn: () => call(api().conversations.get({ id: id! })), enabled: id !== null });
  const messages = useMessagePages(id);
  const contactId = id ? conversation.data?.contactId : draftContactId;
  const contact = useQuery({ queryKey: keys.contact(contactId ?? ''), queryFn: () => call(api().contacts.get({ id: contactId! })), enabled: !!contactId });
  const now = useServerNow(5_000);
  // A new conversation goes straight to the picker.
  useEffect(() => setPickerOpen(draftContactId !== null && canSendTemplates(user.role)), [draftContactId, user.role]);

  if (!id && !draftContactId) {
    return (
      <section className="chat empty-chat">
        <p className="muted">{t('chat.pick')}</p>
      </section>
    );
  }
  const c = id ? conversation.data : null;
  const person = contact.data;
  const windowOpen = c?.state === 'open' && isBefore(now, c.windowExpiresAt ? Date.parse(c.windowExpiresAt) : null);
  const mayWrite = canSendTemplates(user.role);
  // Someone else has it: read-only here, and the chat says who (issue 14).
  const locked = heldByOther(c, user);
  const onOwnerConflict = (error: AppError) => {
    if (!id) return;
    const assignee = error.assignee ?? null;
    if (assignee) client.setQueryData(keys.conversation(id), (old: Conversation | undefined) => (old ? { ...old, assignee, assigneeId: assignee.id } : old));
    void client.invalidateQueries({ queryKey: keys.conversation(id) });
  };
  const onSent = (result: TemplateSendResponse) => {
    setPickerOpen(false);
    seedMessagePages(client, result.conversation.id, { items: [result.message], serverTime: result.serverTime });
    onOpenConversation(result.conversation.id);
  };

  return (
    <section className="chat" data-testid="conversation-view" aria-label={person?.name ?? t('chat.messages')}>
      <header className="chat-head">
        {person ? (
          <>
            <div>
              <h2>{contactTitle(person).title}</h2>
              {contactTitle(person).subtitle && <span className="muted">{contactTitle(person).subtitle}</span>}
            </div>
            <div className="chat-head-side">
              {c ? <StateBadge state={c.state} /> : <span className="muted">{t('newConversation.draft', { contact: person.name })}</span>}
              {c && <OwnerActions conversation={c} user={user} />}
              {c?.ticketId && onOpenTicket && <TicketLink ticketId={c.ticketId} onOpen={onOpenTicket} />}
              {c && c.state !== 'closed' && c.state !== 'bot' && mayWrite && !locked && <CloseButton conversationId={c.id} />}
            </div>
          </>
        ) : (
          <div className="skeleton-line" aria-busy="true" />
        )}
      </header>
      {person?.whatsapp !== false && (c || !id) && <WindowBanner conversation={c ?? null} />}
      {id ? <MessageList key={id} conversation={c ?? null} pages={messages} userId={user.id} now={now} /> : <div className="messages" />}
      {c && mayWrite && <OwnershipNotice conversation={c} user={user} />}
      {person && (!mayWrite || (!windowOpen && !locked)) && <BlockedReason contact={person} user={user} shown={id} />}
      {person && mayWrite && (
        <Composer
          conversationId={id}
          windowOpen={windowOpen}
          canUseTemplates={person.session.canSendTemplate && !locked}
          onOpenTemplates={() => person.session.canSendTemplate && !locked && setPickerOpen(true)}
          lockedText={locked && c?.assignee ? t('owner.readOnly', { name: c.assignee.name }) : undefined}
          onOwnerConflict={onOwnerConflict}
          state={c?.state ?? null}
          blockedReason={person.session.blockedReason}
        />
      )}
      {pickerOpen && person && (
        <TemplatePicker contact={person} messages={messages.query.data ? messages.items : undefined} ticketId={target.ticketId} showUnsendable={user.role === 'administrator'} onClose={() => setPickerOpen(false)} onSent={onSent} />
      )}
    </section>
  );
}
