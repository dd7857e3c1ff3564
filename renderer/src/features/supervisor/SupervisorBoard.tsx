import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ExpiringSession } from '../../../../shared/api/supervisor';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { useUi } from '../../state/ui';
import { LoadError } from '../../ui/LoadError';
import { formatDuration, useServerNow } from '../../ui/time';

const RANGES = [60, 240, 1440, 10080] as const;
type Range = (typeof RANGES)[number];
type KindFilter = 'all' | ExpiringSession['kind'];
const UNASSIGNED = '-';

/** The team's sessions whose deadline is near, soonest first, counting down live. */
export function SupervisorBoard() {
  const { t, tn } = useI18n();
  const now = useServerNow();
  const { boardConversationId, openOnBoard } = useUi();
  const [range, setRange] = useState<Range>(1440);
  const [agent, setAgent] = useState('all');
  const [kind, setKind] = useState<KindFilter>('all');
  const list = useQuery({
    queryKey: keys.expiringWithin(range),
    queryFn: () => call(api().supervisor.expiring({ withinMinutes: range })),
    // Events refresh it as sessions change; the interval also catches sessions entering the range.
    refetchInterval: 30_000,
  });

  const items = list.data?.items ?? [];
  const agents = useMemo(() => {
    const byId = new Map<string, string>();
    for (const item of items) byId.set(item.agent?.id ?? UNASSIGNED, item.agent?.name ?? t('supervisor.unassigned'));
    return [...byId.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [items, t]);
  const shown = items
    .filter((item) => Date.parse(item.deadline) > now)
    .filter((item) => agent === 'all' || (item.agent?.id ?? UNASSIGNED) === agent)
    .filter((item) => kind === 'all' || item.kind === kind);

  return (
    <section className="inbox board" aria-labelledby="board-title" data-testid="supervisor-board">
      <div className="inbox-head">
        <div className="inbox-title">
          <h2 id="board-title">{t('supervisor.title')}</h2>
          {list.isSuccess && <span className="muted">{tn('supervisor.count', shown.length)}</span>}
        </div>
        <div className="board-filters">
          <label>
            <span>{t('supervisor.range')}</span>
            <select data-testid="board-range" value={range} onChange={(e) => setRange(Number(e.target.value) as Range)}>
              {RANGES.map((r) => (
                <option key={r} value={r}>
                  {t(`supervisor.range.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('supervisor.agent')}</span>
            <select data-testid="board-agent" value={agent} onChange={(e) => setAgent(e.target.value)}>
              <option value="all">{t('supervisor.allAgents')}</option>
              {agents.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('supervisor.kind')}</span>
            <select data-testid="board-kind" value={kind} onChange={(e) => setKind(e.target.value as KindFilter)}>
              <option value="all">{t('supervisor.allKinds')}</option>
              <option value="window">{t('supervisor.kind.window')}</option>
              <option value="auto_close">{t('supervisor.kind.auto_close')}</option>
            </select>
          </label>
        </div>
      </div>
      {list.isPending ? (
        <p className="muted state-box" role="status">
          {t('app.loading')}
        </p>
      ) : list.isError ? (
        <LoadError what="supervisor.loadError" error={list.error} onRetry={() => void list.refetch()} />
      ) : shown.length === 0 ? (
        <p className="muted state-box">{items.length ? t('supervisor.emptyFiltered') : t('supervisor.empty')}</p>
      ) : (
        <ul className="rows" aria-label={t('supervisor.title')}>
          {shown.map((item) => (
            <BoardRow key={item.conversationId} item={item} now={now} selected={item.conversationId === boardConversationId} onOpen={openOnBoard} />
          ))}
        </ul>
      )}
    </section>
  );
}

function BoardRow({ item, now, selected, onOpen }: { item: ExpiringSession; now: number; selected: boolean; onOpen(id: string): void }) {
  const { t } = useI18n();
  const left = Date.parse(item.deadline) - now;
  const urgency = left <= 15 * 60_000 ? 'urgent' : left <= 60 * 60_000 ? 'soon' : 'later';
  return (
    <li className={`row${selected ? ' selected' : ''}`} data-testid="board-row" data-conversation-id={item.conversationId}>
      <button type="button" className="row-button board-row" aria-current={selected ? 'true' : undefined} onClick={() => onOpen(item.conversationId)}>
        <span className="row-top">
          <span className="row-name">{item.contact.name}</span>
          <span className={`countdown ${urgency}`} data-testid="board-countdown">
            {t('supervisor.left', { time: formatDuration(left, t) })}
          </span>
        </span>
        <span className="row-bottom muted">
          <span className={`kind kind-${item.kind}`}>{t(`supervisor.kind.${item.kind}`)}</span>
          <span>{item.agent?.name ?? t('supervisor.unassigned')}</span>
        </span>
      </button>
    </li>
  );
}
