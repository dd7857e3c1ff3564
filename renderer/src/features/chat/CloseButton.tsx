import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';

/** Ends the session by hand; the server files the transcript on the linked ticket. */
export function CloseButton({ conversationId }: { conversationId: string }) {
  const { t, errorText } = useI18n();
  const client = useQueryClient();
  const close = useMutation({
    mutationFn: () => call(api().conversations.close({ id: conversationId })),
    onSuccess: (conversation) => {
      client.setQueryData(keys.conversation(conversationId), conversation);
      if (conversation.ticketId) void client.invalidateQueries({ queryKey: keys.ticket(conversation.ticketId) });
    },
  });
  return (
    <>
      <button type="button" className="link" data-testid="close-conversation" onClick={() => close.mutate()} disabled={close.isPending}>
        {t('chat.close')}
      </button>
      {close.error && <span className="invalid" role="alert">{errorText(appErrorOf(close.error))}</span>}
    </>
  );
}
