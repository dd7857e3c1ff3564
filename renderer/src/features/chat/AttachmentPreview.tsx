import { formatBytes } from '../../api/media';
import { useI18n } from '../../i18n/i18n';
import { CloseIcon, FileIcon } from './icons';
import type { AttachmentDraft } from './useAttachmentDraft';

/** The file about to be sent: thumbnail or icon, name, size, the reason it cannot go, upload progress, and a remove button. */
export function AttachmentPreview({ draft, onRemove }: { draft: AttachmentDraft; onRemove(): void }) {
  const { t, language, errorText } = useI18n();
  const name = draft.file.name || t('media.document');
  const percent = draft.progress === null ? null : Math.round(draft.progress * 100);
  return (
    <div className={`attachment-draft${draft.problem ? ' invalid-draft' : ''}`} data-testid="attachment-draft">
      {draft.preview ? <img className="draft-thumb" src={draft.preview} alt="" /> : <span className="draft-icon">
          <FileIcon size={32} />
        </span>}
      <div className="draft-text">
        <span className="draft-name" title={name}>
          {name}
        </span>
        <span className="muted">{formatBytes(draft.file.size, language)}</span>
        {draft.problem && (
          <span className="invalid" role="alert" data-testid="attachment-problem">
            {errorText({ code: draft.problem, message: draft.problem })}
          </span>
        )}
        {percent !== null && (
          <span className="draft-progress">
            <progress max={100} value={percent} aria-label={t('composer.uploading', { percent })} data-testid="upload-progress" />
            <span className="muted">{t('composer.uploading', { percent })}</span>
          </span>
        )}
      </div>
      <button type="button" className="icon-button" onClick={onRemove} aria-label={t('composer.removeAttachment', { name })} data-testid="attachment-remove">
        <CloseIcon />
      </button>
    </div>
  );
}
