import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { nextActive } from '../../ui/listKeys';

interface Props {
  current: { id: string; name: string } | null;
  pending: boolean;
  /** null: leave it unassigned. */
  onPick(assigneeId: string | null): void;
  onClose(): void;
}

/** A small dialog: search people who may have the conversation; arrows move, Enter gives it, Esc closes. */
export function TransferPicker({ current, pending, onPick, onClose }: Props) {
  const { t, errorText } = useI18n();
  const people = useQuery({ queryKey: keys.assignees, queryFn: () => call(api().assignees.list()), staleTime: 60_000 });
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const needle = q.trim().toLocaleLowerCase();
  const options: { id: string | null; name: string; detail: string }[] = [
    ...(people.data?.items ?? [])
      .filter((p) => !needle || p.name.toLocaleLowerCase().includes(needle))
      .map((p) => ({ id: p.id, name: p.name, detail: p.id === current?.id ? t('transfer.current') : t(`role.${p.role}`) })),
    ...(current && !needle ? [{ id: null, name: t('transfer.nobody'), detail: '' }] : []),
  ];
  const index = Math.min(active, Math.max(0, options.length - 1));
  const pick = (option: (typeof options)[number] | undefined) => option && option.id !== current?.id && !pending && onPick(option.id);
  const onKeyDown = (event: KeyboardEvent) => {
    const next = nextActive(event.key, index, options.length);
    if (next !== null) {
      event.preventDefault();
      setActive(next);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(options[index]);
    }
  };
  const optionId = (i: number) => `transfer-option-${i}`;
  return (
    <Dialog title={t('transfer.title')} closeLabel={t('transfer.close')} testId="transfer-picker" className="transfer-picker" onClose={onClose}>
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls="transfer-options"
        aria-activedescendant={options.length ? optionId(index) : undefined}
        aria-label={t('transfer.search')}
        placeholder={t('transfer.search')}
        value={q}
        onKeyDown={onKeyDown}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
      />
      {people.isPending ? (
        <p className="muted" role="status">{t('app.loading')}</p>
      ) : people.isError ? (
        <p className="error" role="alert">{errorText(appErrorOf(people.error))}</p>
      ) : options.length === 0 ? (
        <p className="muted">{t('transfer.empty')}</p>
      ) : (
        <ul id="transfer-options" className="transfer-options" role="listbox" aria-label={t('transfer.title')}>
          {options.map((option, i) => (
            <li
              key={option.id ?? 'nobody'}
              id={optionId(i)}
              role="option"
              aria-selected={i === index}
              aria-disabled={option.id === current?.id}
              data-testid="assignee-option"
              className={i === index ? 'active' : ''}
              onMouseEnter={() => setActive(i)}
              onClick={() => pick(option)}
            >
              <strong>{option.name}</strong>
              {option.detail && <span className="muted">{option.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
