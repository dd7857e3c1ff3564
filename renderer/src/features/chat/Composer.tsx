import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { ATTACHMENT_LIMITS } from '../../../../shared/api/attachments';
import type { BlockedReason, ConversationState } from '../../../../shared/api/schemas';
import type { AppError } from '../../../../shared/ipc/contract';
import { api, appErrorOf, call } from '../../api/desktop';
import { useI18n } from '../../i18n/i18n';
import { useDisabledReason } from '../../ui/disabledReason';
import { AttachmentPreview } from './AttachmentPreview';
import { composerGate } from './composer-gate';
import { PaperclipIcon } from './icons';
import { useAttachmentDraft } from './useAttachmentDraft';
import { useDraft } from './useDraft';

interface Props {
  conversationId: string | null;
  /** Free text is allowed only inside an open 24-hour window. */
  windowOpen: boolean;
  canUseTemplates: boolean;
  onOpenTemplates(): void;
  /** What the placeholder and the disabled buttons' reasons depend on (see composer-gate.ts). */
  state?: ConversationState | null;
  blockedReason?: BlockedReason | null;
  /** Someone else has the conversation: read-only, with this placeholder (the reason is shown above). */
  lockedText?: string;
  /** A send was refused because someone else has it (409 CONVERSATION_ASSIGNED_TO_OTHER). */
  onOwnerConflict?(error: AppError): void;
}

const ACCEPT = ATTACHMENT_LIMITS.flatMap((l) => l.mimeTypes).join(',');

/**
 * Free text and one attachment (the text is its caption) inside the window; outside it, disabled
 * and pointing to the templates. `/` opens them. A file comes by the button, drag and drop or paste.
 */
export function Composer({ conversationId, windowOpen: inWindow, canUseTemplates, onOpenTemplates, lockedText, onOwnerConflict, state = null, blockedReason = null }: Props) {
  const windowOpen = inWindow && !lockedText;
  const { t, errorText } = useI18n();
  // Kept per conversation by the desktop core: switching away and back, or a restart, loses nothing.
  const { text, setText, clear } = useDraft(conversationId);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const { draft, pick, remove, upload } = useAttachmentDraft();
  const send = useMutation({
    mutationFn: async ({ conversationId: to, body, file }: { conversationId: string; body: string; file: File | null }) => {
      const attachmentId = file ? await upload(file) : undefined;
      return call(api().messages.send({ conversationId: to, text: body || undefined, attachmentId }));
    },
    // The draft is cleared only once the server has it: a failure never loses what was typed or attached.
    onSuccess: (_sent, { conversationId: sentTo }) => {
      clear(sentTo);
      remove();
    },
    onError: (error) => {
      if (appErrorOf(error).code === 'CONVERSATION_ASSIGNED_TO_OTHER') onOwnerConflict?.(appErrorOf(error));
    },
  });
  // Taken by someone else: the chat says who, in the user's language, instead of the refusal.
  const refusal = send.error && appErrorOf(send.error).code !== 'CONVERSATION_ASSIGNED_TO_OTHER' ? appErrorOf(send.error) : null;
  const sendable = windowOpen && !!conversationId && !send.isPending && !draft?.problem && (!!text.trim() || !!draft);
  const gate = composerGate(t, { inWindow, lockedText, canUseTemplates, state, blockedReason, hasContent: !!text.trim() || !!draft, fileProblem: !!draft?.problem, pending: send.isPending });
  const templatesWhy = useDisabledReason(gate.templates);
  const attachWhy = useDisabledReason(gate.attach);
  const sendWhy = useDisabledReason(gate.send);
  const submit = () => {
    if (sendable && conversationId) send.mutate({ conversationId, body: text.trim(), file: draft?.file ?? null });
  };
  const take = (file: File | null | undefined) => {
    if (!file || !windowOpen || send.isPending) return;
    send.reset();
    pick(file);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === '/' && text === '' && !draft && canUseTemplates) {
      event.preventDefault();
      onOpenTemplates();
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const file = event.clipboardData.files[0];
    if (file) {
      event.preventDefault();
      take(file);
    }
  };
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event) || !windowOpen) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files[0]);
  };
  return (
    <div
      className={`composer${dragging ? ' dragging' : ''}`}
      data-testid="composer-area"
      onDragOver={onDragOver}
      onDragLeave={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setDragging(false)}
      onDrop={onDrop}
    >
      {dragging && <p className="drop-hint">{t('composer.dropHere')}</p>}
      {refusal && (
        <p className="error" role="alert">
          {errorText(refusal)}
        </p>
      )}
      {draft && <AttachmentPreview draft={draft} onRemove={remove} />}
      <div className="composer-row">
        {/* The primary action of the state is the primary button: Templates while the window is closed, Send inside it. */}
        <button type="button" className={!windowOpen && canUseTemplates ? 'primary' : undefined} onClick={onOpenTemplates} disabled={!canUseTemplates} data-testid="templates-button" {...templatesWhy.props}>
          {t('composer.templates')}
        </button>
        {templatesWhy.note}
        <button
          type="button"
          className="attach"
          onClick={() => fileInput.current?.click()}
          disabled={!windowOpen || send.isPending}
          aria-label={t('composer.attach')}
          title={t('composer.attach')}
          data-testid="attach-button"
          {...attachWhy.props}
        >
          <PaperclipIcon />
        </button>
        {attachWhy.note}
        <input
          ref={fileInput}
          type="file"
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          accept={ACCEPT}
          data-testid="attach-input"
          onChange={(e) => {
            take(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <textarea
          aria-label={draft ? t('composer.captionLabel') : t('composer.label')}
          data-testid="composer"
          rows={2}
          value={text}
          readOnly={!windowOpen}
          aria-disabled={!windowOpen}
          placeholder={windowOpen && draft ? t('composer.captionPlaceholder') : gate.placeholder}
          onChange={(e) => windowOpen && setText(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <button type="button" className={windowOpen ? 'primary' : undefined} onClick={submit} disabled={!sendable} data-testid="composer-send" {...sendWhy.props}>
          {t('composer.send')}
        </button>
        {sendWhy.note}
      </div>
    </div>
  );
}
