import { useCallback, useEffect, useRef, useState } from 'react';
import type { Attachment } from '../../../../shared/api/attachments';
import { fileProblem, mimeTypeOf, uploadFile } from '../../api/media';

export interface AttachmentDraft {
  file: File;
  /** A data: URL of the picked image, for the preview (blob: URLs are not in our CSP). */
  preview: string | null;
  /** ATTACHMENT_TOO_LARGE / ATTACHMENT_TYPE_NOT_ALLOWED, found before any upload. */
  problem: ReturnType<typeof fileProblem>;
  /** 0..1 while uploading, null otherwise. */
  progress: number | null;
}

const PREVIEWABLE = /^image\/(jpeg|png|webp)$/;

/**
 * The file attached in the composer: picked, checked, previewed, uploaded once (a send that fails
 * after the upload reuses the uploaded attachment), and removable at any time (cancels the upload).
 */
export function useAttachmentDraft() {
  const [draft, setDraft] = useState<AttachmentDraft | null>(null);
  const uploaded = useRef<{ file: File; attachment: Attachment } | null>(null);
  const abort = useRef<AbortController | null>(null);

  const pick = useCallback((file: File) => {
    abort.current?.abort();
    uploaded.current = null;
    const next: AttachmentDraft = { file, preview: null, problem: fileProblem(file), progress: null };
    setDraft(next);
    if (!next.problem && PREVIEWABLE.test(mimeTypeOf(file))) {
      const reader = new FileReader();
      reader.onload = () => setDraft((d) => (d?.file === file ? { ...d, preview: String(reader.result) } : d));
      reader.readAsDataURL(file);
    }
  }, []);

  const remove = useCallback(() => {
    abort.current?.abort();
    abort.current = null;
    uploaded.current = null;
    setDraft(null);
  }, []);

  /** Uploads the draft's file (once) and gives its attachment id. */
  const upload = useCallback(async (file: File): Promise<string> => {
    if (uploaded.current?.file === file) return uploaded.current.attachment.id;
    const controller = new AbortController();
    abort.current = controller;
    const onProgress = (progress: number) => setDraft((d) => (d?.file === file ? { ...d, progress } : d));
    onProgress(0);
    try {
      const attachment = await uploadFile(file, onProgress, controller.signal);
      uploaded.current = { file, attachment };
      return attachment.id;
    } finally {
      setDraft((d) => (d?.file === file ? { ...d, progress: null } : d));
    }
  }, []);

  useEffect(() => () => abort.current?.abort(), []);
  return { draft, pick, remove, upload };
}
