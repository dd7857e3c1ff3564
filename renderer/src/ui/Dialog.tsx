import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useFocusTrap } from './useFocusTrap';

interface Props {
  title: string;
  closeLabel: string;
  testId: string;
  /** Added to `dialog` (its width, for one). */
  className?: string;
  onClose(): void;
  children: ReactNode;
}

/** A small modal dialog: a titled header with a close button; Esc and a click outside close it, Tab stays inside, focus goes back after. */
export function Dialog({ title, closeLabel, testId, className, onClose, children }: Props) {
  const dialog = useRef<HTMLDivElement>(null);
  useFocusTrap(dialog);
  const onKeyDown = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className={className ? `dialog ${className}` : 'dialog'} role="dialog" aria-modal="true" aria-label={title} data-testid={testId} onKeyDown={onKeyDown}>
        <header className="picker-head">
          <h2>{title}</h2>
          <button type="button" className="ghost" onClick={onClose} aria-label={closeLabel}>
            ✕
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
