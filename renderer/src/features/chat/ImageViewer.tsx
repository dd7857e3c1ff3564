import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useFocusTrap } from '../../ui/useFocusTrap';

interface Props {
  src: string;
  alt: string;
  onClose(): void;
}

/** An image at full size in a modal dialog: Esc, the close button or a click outside closes it; focus returns. */
export function ImageViewer({ src, alt, onClose }: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useFocusTrap(dialog);
  useEffect(() => close.current?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    }
  };
  return (
    <div className="viewer-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="viewer" role="dialog" aria-modal="true" aria-label={alt} data-testid="image-viewer" onKeyDown={onKeyDown}>
        <button ref={close} type="button" className="viewer-close" onClick={onClose} aria-label={t('media.close')}>
          ✕
        </button>
        <img src={src} alt={alt} />
      </div>
    </div>
  );
}
