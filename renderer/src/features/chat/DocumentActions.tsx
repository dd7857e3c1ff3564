import { useMutation } from '@tanstack/react-query';
import { api, appErrorOf, call } from '../../api/desktop';
import { useHost } from '../../api/media';
import { useI18n } from '../../i18n/i18n';

/**
 * Open and Save for a document. Open: in Electron the core writes the file to the app's temp
 * folder and the system's app opens it (`media:open`); in the web host, the browser opens the
 * same-origin media URL in a new tab (it shows a PDF itself).
 */
export function DocumentActions({ attachmentId, src, name, fileName }: { attachmentId: string; src: string; name: string; fileName: string | null | undefined }) {
  const { t, errorText } = useI18n();
  const host = useHost();
  const open = useMutation({ mutationFn: () => call(api().media.open({ attachmentId })) });
  return (
    <>
      <span className="doc-actions">
        {host === 'web' ? (
          <a className="doc-save" href={src} target="_blank" rel="noopener noreferrer" aria-label={t('media.openName', { name })} data-testid="attachment-open">
            {t('media.open')}
          </a>
        ) : (
          <button
            type="button"
            className="doc-save"
            onClick={() => open.mutate()}
            disabled={open.isPending || !host}
            aria-label={t('media.openName', { name })}
            data-testid="attachment-open"
          >
            {t('media.open')}
          </button>
        )}
        <a className="doc-save" href={src} download={fileName ?? ''} aria-label={t('media.saveName', { name })} data-testid="attachment-save">
          {t('media.save')}
        </a>
      </span>
      {open.error && (
        <span className="doc-error invalid" role="alert" data-testid="attachment-open-error">
          {errorText(appErrorOf(open.error))}
        </span>
      )}
    </>
  );
}
