import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { ATTACHMENT_LIMITS } from '../../../../shared/api/attachments';
import { api, appErrorOf, call } from '../../api/desktop';
import { useI18n } from '../../i18n/i18n';
import { AttachmentPreview } from './AttachmentPreview';
import { PaperclipIcon } from './icons';
import { useAttachmentDraft } from './useAttachmentDraft';

interface Props {
  conversationId: string | null;
  /** Free text is allowed only inside an open 24-hour window. */
  windowOpen: boolean;
  canUseTemplates: boolean;
  onOpenTemplates(): void;
}

const ACCEPT = ATTACHMENT_LIMITS.flatMap((l) => l.mimeTypes).join(',');

/**
 * Free text and one attachment (the text is its caption) inside the window; outside it, disabled
 * and pointing to the templates. `/` opens them. A file comes by the button, drag and drop or paste.
 */
export function Composer({ conversationId, windowOpen, canUseTemplates, onOpenTemplates }: Props) {
  const { t, errorText } = useI18n();
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const { draft, pick, remove, upload } = useAttachmentDraft();
  const send = useMutation({
    mutationFn: async ({ body, file }: { body: string; file: File | null }) => {
      const attachmentId = file ? await upload(file) : undefined;
      return call(api().messages.send({ conversationId: conversationId!, text: body || undefined, attachmentId }));
    },
    // The draft is cleared only once the server has it: a failure never loses what was typed or attached.
    onSuccess: () => {
      setText('');
      remove();
    },
  });
  const sendable = windowOpen && !!conversationId && !send.isPending && !draft?.problem && (!!text.trim() || !!draft);
  const submit = () => {
    if (sendable) send.mutate({ body: text.trim(), file: draft?.file ?? null });
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
      {send.error && (
        <p className="error" role="alert">
          {errorText(appErrorOf(send.error))}
        </p>
      )}
      {draft && <AttachmentPreview draft={draft} onRemove={remove} />}
      <div className="composer-row">
        <button type="button" onClick={onOpenTemplates} disabled={!canUseTemplates} data-testid="templates-button">
          {t('composer.templates')}
        </button>
        <button
          type="button"
          className="attach"
          onClick={() => fileInput.current?.click()}
          disabled={!windowOpen || send.isPending}
          aria-label={t('composer.attach')}
          title={t('composer.attach')}
          data-testid="attach-button"
        >
          <PaperclipIcon />
        </button>
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
          placeholder={
            !windowOpen
              ? canUseTemplates
                ? t('composer.closedPlaceholder')
                : t('composer.waitPlaceholder')
              : draft
                ? t('composer.captionPlaceholder')
                : t('composer.placeholder')
          }
          onChange={(e) => windowOpen && setText(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <button type="button" className="primary" onClick={submit} disabled={!sendable} data-testid="composer-send">
          {t('composer.send')}
        </button>
      </div>
    </div>
  );
}
