import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Conversation, User } from '../../../../shared/api/schemas';
import { ASSIGNABLE_ROLES, mayTransfer, mayWrite } from '../../../../shared/domain/inbox';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import '../../styles/inbox.css';
import { TransferPicker } from './TransferPicker';

/** Whether `user` may not write in `conversation` because someone else has it. */
export const heldByOther = (conversation: Pick<Conversation, 'assigneeId' | 'state'> | null | undefined, user: Pick<User, 'id'>) =>
  !!conversation && conversation.state !== 'closed' && !mayWrite(user.id, conversation.assigneeId);

/** Puts a conversation the server answered with into the caches the chat and inbox read. */
export function useAssign(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (assigneeId: string | null) => call(api().conversations.assign({ id: conversationId, assigneeId })),
    onSuccess: (conversation) => {
      client.setQueryData(keys.conversation(conversationId), (old: Conversation | undefined) => ({ ...old, ...conversation }));
      void client.invalidateQueries({ queryKey: keys.conversations });
      void client.invalidateQueries({ queryKey: keys.inboxViews });
    },
    // Someone else was first: show who has it now.
    onError: () => void client.invalidateQueries({ queryKey: keys.conversation(conversationId) }),
  });
}

/** The header's owner and actions: who has it, "Assign to me" when nobody does, "Transfer" for the roles that may. */
export function OwnerActions({ conversation, user }: { conversation: Conversation; user: User }) {
  const { t, errorText } = useI18n();
  const [picking, setPicking] = useState(false);
  const assign = useAssign(conversation.id);
  const open = conversation.state !== 'closed';
  const canTake = open && conversation.assignee === null && ASSIGNABLE_ROLES.includes(user.role);
  return (
    <>
      <span className="muted" data-testid="assignee">
        {conversation.assignee ? t('chat.assignedTo', { name: conversation.assignee.id === user.id ? t('chat.you') : conversation.assignee.name }) : t('chat.unassigned')}
      </span>
      {canTake && (
        <button type="button" className="link" data-testid="assign-to-me" onClick={() => assign.mutate(user.id)} disabled={assign.isPending}>
          {t('chat.assignToMe')}
        </button>
      )}
      {open && mayTransfer(user.role) && (
        <button type="button" className="link" data-testid="transfer-button" aria-haspopup="dialog" onClick={() => setPicking(true)}>
          {t('chat.transfer')}
        </button>
      )}
      {assign.error && (
        <span className="invalid" role="alert">
          {errorText(appErrorOf(assign.error), { name: appErrorOf(assign.error).assignee?.name ?? '' })}
        </span>
      )}
      {picking && (
        <TransferPicker
          current={conversation.assignee}
          pending={assign.isPending}
          onPick={(id) => assign.mutate(id, { onSuccess: () => setPicking(false) })}
          onClose={() => setPicking(false)}
        />
      )}
    </>
  );
}

/** Read-only, and why: someone else is handling the conversation (for the roles that write; supervisors are told they only read). */
export function OwnershipNotice({ conversation, user }: { conversation: Conversation; user: User }) {
  const { t } = useI18n();
  if (!heldByOther(conversation, user)) return null;
  const name = conversation.assignee?.name ?? '';
  const hint = mayTransfer(user.role) ? 'owner.canTransfer' : 'owner.askTransfer';
  return (
    <div className="owner-notice" data-testid="owner-notice" role="status">
      <strong>{t('owner.readOnly', { name })}</strong> <span>{t(hint, { name })}</span>
    </div>
  );
}
