import { useCallback, useState } from 'react';
import type { MediaHeaderFormat } from '../../../../shared/api/templates';
import type { AppError } from '../../../../shared/ipc/contract';
import { appErrorOf } from '../../api/desktop';
import { mimeTypeOf } from '../../api/media';
import { useAttachmentDraft } from '../chat/useAttachmentDraft';
import { headerFileProblem } from './header-rules';

/**
 * The file chosen for a template's media header: checked against the header's type and
 * WhatsApp's limits, then uploaded through the core at once (progress while the agent fills in the
 * rest), so the send only carries `headerMedia: {attachmentId}`. The composer's draft does the
 * picking, preview and upload.
 */
export function useHeaderFile(format: MediaHeaderFormat | null) {
  const { draft, pick, remove, upload } = useAttachmentDraft();
  const [uploaded, setUploaded] = useState<{ file: File; id: string } | null>(null);
  const [failure, setFailure] = useState<{ file: File; error: AppError } | null>(null);

  const start = useCallback(
    (file: File) => {
      setFailure(null);
      upload(file).then(
        (id) => setUploaded({ file, id }),
        (error: unknown) => {
          // Removed or replaced while uploading: nothing to say.
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setFailure({ file, error: appErrorOf(error) });
        },
      );
    },
    [upload],
  );

  const choose = useCallback(
    (file: File) => {
      if (!format) return;
      setUploaded(null);
      setFailure(null);
      pick(file);
      if (!headerFileProblem(format, mimeTypeOf(file), file.size)) start(file);
    },
    [format, pick, start],
  );

  const clear = useCallback(() => {
    remove();
    setUploaded(null);
    setFailure(null);
  }, [remove]);

  const file = draft?.file ?? null;
  return {
    draft,
    /** Why this file cannot be the header (checked before upload), or null. */
    problem: file && format ? headerFileProblem(format, mimeTypeOf(file), file.size) : null,
    /** Set once the server has the file. */
    attachmentId: uploaded && uploaded.file === file ? uploaded.id : null,
    /** The upload failed (network, server refusal): shown with a retry. */
    error: failure && failure.file === file ? failure.error : null,
    choose,
    clear,
    retry: () => file && start(file),
  };
}

export type HeaderFile = ReturnType<typeof useHeaderFile>;
