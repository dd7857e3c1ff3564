import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { MessageKey, MessageParams } from '../../../shared/i18n';
import type { DesktopNotification } from '../../../shared/ipc/notifications';
import { api } from '../api/desktop';
import { useI18n } from '../i18n/i18n';
import { useServerNow } from './time';
import { addToast, clearance, isPast, leftAfterPause, SHOW_MS, toastBody } from './toast-rules';
import { announce } from './live/announcer';

/** What toasts never cover: the composer and the notes that stand in for it. */
const KEEP_CLEAR = '[data-testid="composer-area"], [data-testid="send-blocked"], [data-testid="owner-notice"]';
const MARGIN = 16;

/**
 * In-app toasts for the notifications the core sends here (the web host; Electron shows native
 * ones instead). A click opens the conversation.
 */
export function Toasts({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useI18n();
  const now = useServerNow(1000);
  const [toasts, setToasts] = useState<DesktopNotification[]>([]);
  useEffect(() => api().on.notification((notification) => setToasts((all) => addToast(all, notification))), []);
  const dismiss = useCallback((id: string) => setToasts((all) => all.filter((n) => n.id !== id)), []);
  return <ToastStack toasts={toasts} now={now} t={t} onDismiss={dismiss} onOpen={onOpen} />;
}

const ALERT_KINDS: readonly DesktopNotification['kind'][] = ['window_expiring', 'auto_close_soon', 'supervisor_expiring', 'summary'];

interface StackProps {
  toasts: DesktopNotification[];
  /** Server time, ticking: deadline toasts count down from it. */
  now: number;
  t(key: MessageKey, params?: MessageParams): string;
  onDismiss(id: string): void;
  onOpen(conversationId: string): void;
}

/**
 * The toasts, newest on top, above the composer and never over it. Each goes after about 8 s
 * (paused while hovered or focused), with its × button, or with Escape; screen readers hear
 * each new one once, politely.
 */
export function ToastStack({ toasts, now, t, onDismiss, onOpen }: StackProps) {
  const stack = useRef<HTMLElement>(null);
  /** Where focus was before it entered the toasts: it goes back there when the last one goes. */
  const returnFocus = useRef<HTMLElement | null>(null);
  const bottom = useClearance(stack, toasts.length > 0);
  const [announced, setAnnounced] = useState('');
  const newest = toasts[0];
  useEffect(() => {
    if (!newest) return;
    const words = `${newest.title}. ${toastBody(newest, Date.now(), t)}`;
    // A session about to close is an alert (assertive, issue 19); the rest is news, said politely.
    if (ALERT_KINDS.includes(newest.kind)) announce('assertive', words);
    else setAnnounced(words);
    // Announced once, when it arrives (hence only its id): the countdown's ticks are not read out.
  }, [newest?.id]);

  const dismissByKeyboard = (id: string) => {
    const index = toasts.findIndex((n) => n.id === id);
    const next = toasts[index + 1] ?? toasts[index - 1];
    onDismiss(id);
    const nextToast = next && [...(stack.current?.querySelectorAll<HTMLElement>('[data-toast-id]') ?? [])].find((el) => el.dataset.toastId === next.id);
    const target = nextToast ? nextToast.querySelector<HTMLElement>('.toast-close') : returnFocus.current;
    (target ?? document.body).focus?.();
  };

  return (
    <>
      <p className="sr-only" role="status" aria-live="polite" data-testid="toast-announcer">
        {announced}
      </p>
      <section
        ref={stack}
        className="toasts"
        aria-label={t('nav.notifications')}
        style={{ bottom, maxHeight: `calc(100vh - ${bottom + 60}px)` }}
        onFocus={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) returnFocus.current = e.relatedTarget as HTMLElement | null;
        }}
        hidden={toasts.length === 0}
      >
        {toasts.map((n) => (
          <Toast key={n.id} notification={n} now={now} t={t} onDismiss={onDismiss} onKeyboardDismiss={dismissByKeyboard} onOpen={onOpen} />
        ))}
      </section>
    </>
  );
}

interface ToastProps {
  notification: DesktopNotification;
  now: number;
  t(key: MessageKey, params?: MessageParams): string;
  onDismiss(id: string): void;
  onKeyboardDismiss(id: string): void;
  onOpen(conversationId: string): void;
}

function Toast({ notification: n, now, t, onDismiss, onKeyboardDismiss, onOpen }: ToastProps) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const dismiss = useCallback(() => onDismiss(n.id), [onDismiss, n.id]);
  useAutoDismiss(hovered || focused, dismiss);
  const past = isPast(n, now);
  useEffect(() => {
    if (past) dismiss();
  }, [past, dismiss]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    onKeyboardDismiss(n.id);
  };

  return (
    <div
      className={`toast toast-${n.urgency}`}
      data-testid="toast"
      data-kind={n.kind}
      data-toast-id={n.id}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setFocused(false)}
      onKeyDown={onKeyDown}
    >
      <button
        type="button"
        className="toast-body"
        disabled={!n.conversationId}
        onClick={() => {
          dismiss();
          if (n.conversationId) onOpen(n.conversationId);
        }}
      >
        <strong>{n.title}</strong>
        <span data-testid="toast-text">{toastBody(n, now, t)}</span>
      </button>
      <button
        type="button"
        className="ghost toast-close"
        aria-label={t('notify.dismiss')}
        title={t('notify.dismiss')}
        onClick={(e) => (e.detail === 0 ? onKeyboardDismiss(n.id) : dismiss())}
      >
        ×
      </button>
    </div>
  );
}

/** Calls `onDone` after SHOW_MS of not being paused; a pause keeps what was left. */
function useAutoDismiss(paused: boolean, onDone: () => void): void {
  const left = useRef(SHOW_MS);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  }, [onDone]);
  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(() => done.current(), left.current);
    return () => {
      clearTimeout(timer);
      left.current = leftAfterPause(left.current, Date.now() - started);
    };
  }, [paused]);
}

/** Keeps the stack's bottom edge above the composer (or the note in its place) below it. */
function useClearance(stack: RefObject<HTMLElement | null>, active: boolean): number {
  const [bottom, setBottom] = useState(MARGIN);
  useLayoutEffect(() => {
    if (!active) return;
    let frame = 0;
    const measure = () => {
      frame = 0;
      const own = stack.current?.getBoundingClientRect();
      if (!own) return;
      const boxes = [...document.querySelectorAll(KEEP_CLEAR)].map((el) => el.getBoundingClientRect());
      setBottom(clearance(own, boxes, window.innerHeight, MARGIN));
    };
    const soon = () => {
      if (!frame) frame = requestAnimationFrame(measure);
    };
    measure();
    const observer = new MutationObserver(soon);
    observer.observe(document.body, { childList: true, subtree: true });
    window.addEventListener('resize', soon);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', soon);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [stack, active]);
  return bottom;
}
