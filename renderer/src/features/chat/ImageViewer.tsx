import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useFocusTrap } from '../../ui/useFocusTrap';
import { CloseIcon } from './icons';

interface Props {
  src: string;
  alt: string;
  onClose(): void;
}

/** Up to twice its own size (small photos become readable), never larger than the window; the ratio kept. */
function fit({ width, height }: { width: number; height: number }) {
  const scale = Math.min(2, (window.innerWidth - 96) / width, (window.innerHeight - 96) / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** An image at full size in a modal dialog: Esc, the close button or a click outside closes it; focus returns. */
export function ImageViewer({ src, alt, onClose }: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const [natural, setNatural] = useState<{ width: number; height: number } | null>(null);
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
          <CloseIcon />
        </button>
        <img
          src={src}
          alt={alt}
          style={natural ? fit(natural) : undefined}
          onLoad={(e) => setNatural({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
        />
      </div>
    </div>
  );
}
