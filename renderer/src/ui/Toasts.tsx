import { useEffect, useState } from 'react';
import type { DesktopNotification } from '../../../shared/ipc/notifications';
import { api } from '../api/desktop';
import { useI18n } from '../i18n/i18n';

const SHOW_MS = 8_000;
const MAX_SHOWN = 4;

/**
 * In-app toasts for the notifications the core sends here (the web host; Electron shows native
 * ones instead). A click opens the conversation; critical ones stay until dismissed.
 */
export function Toasts({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<DesktopNotification[]>([]);
  const dismiss = (id: string) => setToasts((all) => all.filter((n) => n.id !== id));

  useEffect(
    () =>
      api().on.notification((notification) => {
        // A newer word on the same conversation replaces the older one ("replied" after "no reply yet").
        setToasts((all) => [notification, ...all.filter((n) => !n.conversationId || n.conversationId !== notification.conversationId)].slice(0, MAX_SHOWN));
        if (notification.urgency !== 'critical') setTimeout(() => dismiss(notification.id), SHOW_MS);
      }),
    [],
  );

  return (
    <section className="toasts" aria-live="polite" aria-label={t('nav.notifications')}>
      {toasts.map((n) => (
        <div key={n.id} className={`toast toast-${n.urgency}`} data-testid="toast" data-kind={n.kind} role={n.urgency === 'critical' ? 'alert' : 'status'}>
          <button
            type="button"
            className="toast-body"
            disabled={!n.conversationId}
            onClick={() => {
              dismiss(n.id);
              if (n.conversationId) onOpen(n.conversationId);
            }}
          >
            <strong>{n.title}</strong>
            <span>{n.body}</span>
          </button>
          <button type="button" className="ghost toast-close" aria-label={t('notify.dismiss')} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
