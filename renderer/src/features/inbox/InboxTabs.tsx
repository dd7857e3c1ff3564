import { useQuery } from '@tanstack/react-query';
import { useRef, type KeyboardEvent } from 'react';
import type { ConversationView } from '../../../../shared/api/schemas';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import '../../styles/inbox.css';

export const tabId = (view: ConversationView) => `inbox-tab-${view}`;
export const PANEL_ID = 'inbox-panel';

const NEXT: Record<string, (index: number, length: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * The role's inbox views as an ARIA tablist (arrows, Home and End move and open a tab; one tab in
 * the Tab order), each with how many conversations it holds and a badge for those with unread
 * customer messages.
 */
export function InboxTabs({ views, current, onChange }: { views: readonly ConversationView[]; current: ConversationView; onChange(view: ConversationView): void }) {
  const { t, tn } = useI18n();
  const counts = useQuery({ queryKey: keys.inboxViews, queryFn: () => call(api().conversations.views()) });
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const move = NEXT[event.key];
    if (!move) return;
    event.preventDefault();
    const next = views[move(views.indexOf(current), views.length)]!;
    onChange(next);
    list.current?.querySelector<HTMLElement>(`#${tabId(next)}`)?.focus();
  };
  return (
    <div ref={list} className="inbox-tabs" role="tablist" aria-label={t('inbox.views')} onKeyDown={onKeyDown} data-testid="inbox-tabs">
      {views.map((view) => {
        const numbers = counts.data?.items.find((c) => c.view === view);
        const name = [t(`inbox.view.${view}`), numbers && tn('inbox.viewCount', numbers.count), numbers?.unread && tn('inbox.unread', numbers.unread)];
        return (
          <button
            key={view}
            id={tabId(view)}
            type="button"
            role="tab"
            aria-selected={view === current}
            aria-controls={PANEL_ID}
            aria-label={name.filter(Boolean).join(', ')}
            tabIndex={view === current ? 0 : -1}
            className="inbox-tab"
            data-testid={`inbox-tab-${view}`}
            onClick={() => onChange(view)}
          >
            <span className="tab-name">{t(`inbox.view.${view}`)}</span>
            {numbers && (
              <span className="tab-count" data-testid="tab-count" aria-hidden="true">
                {numbers.count}
              </span>
            )}
            {!!numbers?.unread && (
              <span className="unread-badge" data-testid="tab-unread" aria-hidden="true" title={tn('inbox.unread', numbers.unread)}>
                {numbers.unread}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
