import { useState } from 'react';
import type { Attachment } from '../../../../shared/api/attachments';
import { formatBytes, useMediaUrl } from '../../api/media';
import { useI18n } from '../../i18n/i18n';
import { DocumentActions } from './DocumentActions';
import { FileIcon } from './icons';
import { ImageViewer } from './ImageViewer';

const extension = (name: string | null | undefined) => (name && /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toUpperCase()) ?? null;

/** One attachment of a message: shown, played or offered to open or save; a placeholder while WhatsApp's bytes are on their way. */
export function AttachmentView({ attachment, caption }: { attachment: Attachment; caption: string }) {
  const { t, language } = useI18n();
  const urlOf = useMediaUrl();
  const [enlarged, setEnlarged] = useState(false);
  const [broken, setBroken] = useState(false);
  const kind = attachment.voice ? 'voice' : attachment.type;
  const label = t(`media.${kind}`);
  const name = attachment.fileName ?? label;
  const size = attachment.size != null ? formatBytes(attachment.size, language) : null;
  const common = { 'data-testid': 'attachment', 'data-type': attachment.type, 'data-state': attachment.state } as const;

  if (attachment.state === 'pending') {
    return (
      <div className="attachment pending" {...common} role="status">
        <span className="spinner" aria-hidden="true" />
        <span>{t('media.pending', { type: label })}</span>
      </div>
    );
  }
  const src = urlOf(attachment.id);
  if (attachment.state === 'failed' || !src) {
    return (
      <div className="attachment failed-media" {...common} data-state={attachment.state === 'failed' ? 'failed' : 'loading'} role="note">
        <FileIcon />
        <span>{src ? t('media.failed', { type: label }) : t('app.loading')}</span>
      </div>
    );
  }
  // The file is here: shown as a file to open or save, with its name and size.
  const fileRow = (note?: string) => (
    <div className={`attachment document${note ? ' unplayable' : ''}`} {...common} data-unplayable={note ? 'true' : undefined}>
      <span className="doc-icon">
        <FileIcon size={30} />
      </span>
      <span className="doc-text">
        <span className="doc-name" title={name}>
          {name}
        </span>
        <span className="muted">{[size, extension(attachment.fileName)].filter(Boolean).join(' · ')}</span>
      </span>
      <DocumentActions attachmentId={attachment.id} src={src} name={name} fileName={attachment.fileName} />
      {note && (
        <span className="doc-note muted" role="note">
          {note}
        </span>
      )}
    </div>
  );
  // What this app cannot show or play (AMR voice, 3GPP video...) is still offered as a file.
  if (broken) return fileRow(t(attachment.type === 'image' || attachment.type === 'sticker' ? 'media.cannotShow' : 'media.cannotPlay', { type: label }));
  switch (attachment.type) {
    case 'image':
    case 'sticker': {
      const alt = caption || (attachment.fileName ?? label);
      return (
        <div className={`attachment ${attachment.type}`} {...common}>
          <button type="button" className="thumb" onClick={() => setEnlarged(true)} aria-label={t('media.enlarge', { name: alt })}>
            <img src={src} alt={alt} loading="lazy" onError={() => setBroken(true)} />
          </button>
          {enlarged && <ImageViewer src={src} alt={alt} onClose={() => setEnlarged(false)} />}
        </div>
      );
    }
    case 'video':
      return (
        <div className="attachment video" {...common}>
          <video src={src} controls preload="metadata" aria-label={name} onError={() => setBroken(true)} />
        </div>
      );
    case 'audio':
      return (
        <div className="attachment audio" {...common}>
          <audio src={src} controls preload="metadata" aria-label={name} onError={() => setBroken(true)} />
        </div>
      );
    default:
      return fileRow();
  }
}
