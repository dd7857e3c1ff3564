import { useInfiniteQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import type { TicketStatus } from '../../../../shared/api/tickets';
import type { z } from 'zod';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { useDateLocale } from '../../i18n/date-locale';
import { useUi } from '../../state/ui';
import { LoadError } from '../../ui/LoadError';
import { LoadMore } from '../../ui/LoadMore';
import { relativeTime, useServerNow } from '../../ui/time';

type Status = z.infer<typeof TicketStatus>;
const STATUSES: Status[] = ['open', 'pending', 'solved', 'closed'];

export function TicketList() {
  const { t } = useI18n();
  const dateLocale = useDateLocale();
  const { selectedTicketId, openTicket } = useUi();
  const now = useServerNow(30_000);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [assignee, setAssignee] = useState<'' | 'me' | 'none'>('');
  const query = useDeferredValue(q.trim());
  const list = useInfiniteQuery({
    queryKey: keys.ticketList(query, status, assignee),
    queryFn: ({ pageParam }) =>
      call(api().tickets.list({ q: query || undefined, status: status ? [status] : undefined, assignee: assignee || undefined, cursor: pageParam, limit: 50 })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="inbox" aria-label={t('tickets.title')} data-testid="ticket-list">
      <div className="inbox-head">
        <h2>{t('tickets.title')}</h2>
        <input type="search" className="search" aria-label={t('tickets.search')} placeholder={t('tickets.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <div className="picker-filters">
          <select aria-label={t('ticket.statusLabel')} value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
            <option value="">{t('tickets.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`ticket.status.${s}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('tickets.assignee')} value={assignee} onChange={(e) => setAssignee(e.target.value as '' | 'me' | 'none')}>
            <option value="">{t('tickets.anyone')}</option>
            <option value="me">{t('tickets.mine')}</option>
            <option value="none">{t('tickets.unassigned')}</option>
          </select>
        </div>
      </div>
      {list.isPending ? (
        <ul className="skeleton" aria-busy="true" aria-label={t('app.loading')}>
          {[0, 1, 2, 3].map((i) => (
            <li key={i} />
          ))}
        </ul>
      ) : list.isError ? (
        <LoadError what="tickets.loadError" error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <div className="state-box">
          <p>{query ? t('tickets.emptySearch', { q: query }) : t('tickets.empty')}</p>
        </div>
      ) : (
        <ul className="rows" aria-label={t('tickets.title')}>
          {items.map((ticket) => (
            <li key={ticket.id} className={ticket.id === selectedTicketId ? 'row selected' : 'row'}>
              <button type="button" className="row-button" data-testid="ticket-row" onClick={() => openTicket(ticket.id)}>
                <div className="row-top">
                  <span className="row-name">
                    #{ticket.number} {ticket.subject}
                  </span>
                  <time className="row-time" dateTime={ticket.updatedAt}>
                    {relativeTime(Date.parse(ticket.updatedAt), now, dateLocale)}
                  </time>
                </div>
                <div className="row-bottom">
                  <span className="row-preview">{ticket.contact.name}</span>
                  <span className={`badge ticket-${ticket.status}`}>{t(`ticket.status.${ticket.status}`)}</span>
                </div>
              </button>
            </li>
          ))}
          {list.hasNextPage && <LoadMore onMore={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} />}
        </ul>
      )}
    </section>
  );
}
