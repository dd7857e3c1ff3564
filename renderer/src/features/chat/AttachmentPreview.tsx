import { formatBytes } from '../../api/media';
import { useI18n } from '../../i18n/i18n';
import { CloseIcon, FileIcon } from './icons';
import type { AttachmentDraft } from './useAttachmentDraft';

/**
 * The file about to be sent: thumbnail or icon, name, size, the reason it cannot go, upload
 * progress, and a remove button. `problemText` is a reason of the caller's own (a template header
 * that takes another type); `status` a line under the size (e.g. "uploaded").
 */
export function AttachmentPreview({ draft, onRemove, problemText, status }: { draft: AttachmentDraft; onRemove(): void; problemText?: string | null; status?: string | null }) {
  const { t, language, errorText } = useI18n();
  const name = draft.file.name || t('media.document');
  const percent = draft.progress === null ? null : Math.round(draft.progress * 100);
  const problem = draft.problem ? errorText({ code: draft.problem, message: draft.problem }) : (problemText ?? null);
  return (
    <div className={`attachment-draft${problem ? ' invalid-draft' : ''}`} data-testid="attachment-draft">
      {draft.preview ? <img className="draft-thumb" src={draft.preview} alt="" /> : <span className="draft-icon">
          <FileIcon size={32} />
        </span>}
      <div className="draft-text">
        <span className="draft-name" title={name}>
          {name}
        </span>
        <span className="muted">{formatBytes(draft.file.size, language)}</span>
        {problem && (
          <span className="invalid" role="alert" data-testid="attachment-problem">
            {problem}
          </span>
        )}
        {status && !problem && percent === null && (
          <span className="muted" role="status" data-testid="attachment-status">
            {status}
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
