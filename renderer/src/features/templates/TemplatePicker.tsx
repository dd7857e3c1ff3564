import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Contact, Message } from '../../../../shared/api/schemas';
import type { TemplateCategory, TemplateSendResponse } from '../../../../shared/api/templates';
import { MAX_WAIT_MINUTES } from '../../../../shared/api/templates';
import { customerLanguage, evidenceFromMessages, matchingLanguage } from '../../../../shared/domain/customer-language';
import { parameterMeaning, prefillParameters } from '../../../../shared/domain/template-fields';
import { headerNeed, templateParameters, validateHeader, validateParameters } from '../../../../shared/domain/template-params';
import { languageName } from '../../../../shared/i18n/language-names';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useMediaUrl } from '../../api/media';
import { useI18n } from '../../i18n/i18n';
import { useDateLocale } from '../../i18n/date-locale';
import { useDisabledReason } from '../../ui/disabledReason';
import { nextActive } from '../../ui/listKeys';
import { useFocusTrap } from '../../ui/useFocusTrap';
import { marketingOptOut } from './header-rules';
import { emptyHeader, headerInput, HeaderFields, type HeaderDraft } from './HeaderFields';
import { isValidWait, MaxWaitField } from './MaxWaitField';
import { PriceLine } from './PriceLine';
import { fieldLabels } from './field-label';
import { preferredTicket, TicketChoice, useOpenTickets } from './TicketChoice';
import { pickerResults } from './picker-results';
import { prepareTemplates } from './search';
import { TemplatePreview } from './TemplatePreview';
import { useHeaderFile } from './useHeaderFile';
import '../../styles/workflow.css';
import { formatDate } from '../../ui/time';

interface Props {
  /** From the contacts API: `marketingOptOutAt` stops marketing templates. */
  contact: Pick<Contact, 'id' | 'name' | 'phone' | 'marketingOptOutAt'>;
  /** The open chat's messages: what the customer wrote and the last template tell their language (without them, the contact's latest conversation is read). */
  messages?: readonly Message[];
  /** Administrators also see templates that cannot be sent, greyed out with the reason. */
  showUnsendable?: boolean;
  ticketId?: string;
  onClose(): void;
  onSent(result: TemplateSendResponse): void;
}

const CATEGORIES: TemplateCategory[] = ['UTILITY', 'MARKETING', 'AUTHENTICATION'];

/** Sendable: the server's mark (APPROVED with content it sends correctly); older answers: APPROVED. */
import { sendable, TemplateOption } from './TemplateOption';

/** The template gallery: search, filter, preview, fill in, set the maximum wait, send. */
export function TemplatePicker({ contact, messages, ticketId, showUnsendable = false, onClose, onSent }: Props) {
  const { t, tn, errorText, language: uiLanguage } = useI18n();
  const dateLocale = useDateLocale();
  const urlOf = useMediaUrl();
  const client = useQueryClient();
  const templates = useQuery({
    queryKey: keys.templates(showUnsendable),
    queryFn: () => call(api().templates.list({ includeUnsendable: showUnsendable })),
  });
  const prepared = useMemo(() => prepareTemplates(templates.data?.items ?? []), [templates.data]);
  // A new conversation has no messages yet: the contact's latest conversation tells what they wrote and got.
  const latest = useQuery({
    queryKey: keys.contactLatest(contact.id),
    queryFn: () => call(api().contacts.conversations({ contactId: contact.id, limit: 1 })),
    enabled: messages === undefined,
  });
  const latestId = latest.data?.items[0]?.id;
  const earlier = useQuery({
    queryKey: keys.messages(latestId ?? ''),
    queryFn: () => call(api().messages.list({ conversationId: latestId!, limit: 200 })),
    enabled: messages === undefined && !!latestId,
  });
  const known = messages ?? earlier.data?.items;
  // The customer's language (what they wrote, the last template, the phone's country) among the ones templates exist in.
  const customerCode = useMemo(() => {
    const available = [...new Set(prepared.filter((p) => sendable(p.template)).map((p) => p.template.language))];
    return matchingLanguage(customerLanguage(evidenceFromMessages(known ?? [], contact.phone))?.code, available);
  }, [prepared, known, contact.phone]);
  const languages = useMemo(() => {
    const named = [...new Set(prepared.map((p) => p.template.language))].map((code) => ({ code, name: languageName(code, uiLanguage) }));
    named.sort((a, b) => Number(b.code === customerCode) - Number(a.code === customerCode) || a.name.localeCompare(b.name, uiLanguage));
    return named;
  }, [prepared, uiLanguage, customerCode]);
  const [q, setQ] = useState('');
  const query = useDeferredValue(q);
  const [language, setLanguage] = useState('');
  const [category, setCategory] = useState<TemplateCategory | ''>('');
  const { hits, more } = useMemo(
    () => pickerResults(prepared, { q: query, language: language || undefined, category: category || undefined }, customerCode),
    [prepared, query, language, category, customerCode],
  );
  const [active, setActive] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  /** What the agent typed, over the values filled in from the contact and the ticket ('' clears one). */
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [header, setHeader] = useState<HeaderDraft>(emptyHeader);
  const [maxWait, setMaxWait] = useState<number>(MAX_WAIT_MINUTES.default);
  /** From the inbox: '' for a new ticket, or one of the contact's open tickets (the open one preselected). */
  const [ticketChoice, setTicketChoice] = useState<string | null>(null);
  const openTickets = useOpenTickets(contact.id, !ticketId);
  const givenTicket = useQuery({ queryKey: keys.ticket(ticketId ?? ''), queryFn: () => call(api().tickets.get({ id: ticketId! })), enabled: !!ticketId });
  const pickedTicketId = ticketChoice ?? preferredTicket(openTickets.data?.items ?? [])?.id ?? '';
  const ticket = ticketId ? (givenTicket.data ?? null) : (openTickets.data?.items.find((i) => i.id === pickedTicketId) ?? null);
  const search = useRef<HTMLInputElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useFocusTrap(dialog);
  const detail = useRef<HTMLElement>(null);

  const selected = prepared.find((p) => p.template.id === selectedId)?.template ?? null;
  // Optional values (an authentication button's code, quick-reply payloads) are not asked: the code is asked once.
  const params = selected ? templateParameters(selected).filter((p) => !p.optional) : [];
  const labels = selected ? fieldLabels(t, selected, params) : {};
  const prefill = useMemo(
    () => (selected ? prefillParameters(selected, templateParameters(selected), { contact, ticket }) : {}),
    [selected, contact, ticket],
  );
  const values = useMemo(() => ({ ...prefill, ...edits }), [prefill, edits]);
  const firstToFill = (params.find((p) => !values[p.key]?.trim()) ?? params[0])?.key;
  const issues = selected ? validateParameters(selected, values) : [];
  const issueOf = (key: string) => issues.find((i) => i.key === key)?.problem;
  const need = selected ? headerNeed(selected) : null;
  const file = useHeaderFile(need?.kind === 'media' ? need.format : null);
  // While a file is chosen the link field is hidden: the file (once uploaded) is the header.
  const headerValue = headerInput(need, file.draft ? { ...header, link: '' } : header, file.attachmentId);
  const headerIssues = selected ? validateHeader(selected, headerValue) : [];
  const optedOutAt = selected ? marketingOptOut(selected, contact) : null;
  // Not sendable to a customer who stopped marketing messages: WhatsApp refuses it (131050) anyway.
  const valid =
    selected !== null && sendable(selected) && optedOutAt === null && issues.length === 0 && headerIssues.length === 0 && isValidWait(maxWait);
  // One key per distinct request: a retry of the same send reuses it, so it can never go out twice.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [selectedId, values, header, file.attachmentId, maxWait, pickedTicketId]);

  const send = useMutation({
    mutationFn: () =>
      call(
        api().templates.send({
          contactId: contact.id,
          templateId: selected!.id,
          parameters: values,
          maxWaitMinutes: maxWait,
          ticketId: ticketId ?? (pickedTicketId || undefined),
          ...headerValue,
          idempotencyKey,
        }),
      ),
    onSuccess: (result) => {
      void client.invalidateQueries({ queryKey: keys.conversations });
      void client.invalidateQueries({ queryKey: keys.contact(contact.id) });
      void client.invalidateQueries({ queryKey: keys.tickets });
      onSent(result);
    },
  });
  const fieldList = (keys: string[]) => keys.map((key) => labels[key] ?? key).join(', ');
  const missing = issues.filter((i) => i.problem === 'missing').map((i) => i.key);
  const wrong = issues.filter((i) => i.problem !== 'missing').map((i) => i.key);
  const sendBlocked = !selected || valid || send.isPending
    ? null
    : optedOutAt
      ? t('picker.sendBlocked.optedOut')
      : missing.length > 0
        ? t('picker.sendBlocked.missing', { fields: fieldList(missing) })
        : wrong.length > 0
          ? t('picker.sendBlocked.invalid', { fields: fieldList(wrong) })
          : headerIssues.some((i) => i.path === 'headerMedia')
            ? t('picker.sendBlocked.headerMedia')
            : headerIssues.length > 0
              ? t('picker.sendBlocked.headerLocation')
              : t('picker.sendBlocked.wait');
  const sendReason = useDisabledReason(sendBlocked, { visible: true, testId: 'template-send-reason' });

  useEffect(() => search.current?.focus(), []);
  // Esc closes the picker wherever focus is: pressed before focus has moved in (right after it
  // opened), it would otherwise be lost on the page behind. Inside, the dialog's own handler does it.
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && !dialog.current?.contains(document.activeElement)) onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);
  useEffect(() => setActive(0), [query, language, category]);
  const activeId = hits[active]?.template.id;
  useEffect(() => {
    if (activeId) document.getElementById(`tpl-${activeId}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const choose = (id: string) => {
    const template = prepared.find((p) => p.template.id === id)?.template;
    if (!template || !sendable(template)) return;
    setSelectedId(id);
    setEdits({});
    setTouched({});
    setHeader(emptyHeader);
    file.clear();
    requestAnimationFrame(() => detail.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus());
  };
  const onSearchKey = (event: KeyboardEvent) => {
    // Home and End stay with the search text here; the arrows move through the results.
    const next = event.key === 'ArrowDown' || event.key === 'ArrowUp' ? nextActive(event.key, active, hits.length) : null;
    if (next !== null) {
      event.preventDefault();
      setActive(next);
    } else if (event.key === 'Enter' && hits[active]) {
      event.preventDefault();
      choose(hits[active].template.id);
    }
  };
  const error = send.error ? appErrorOf(send.error) : null;

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={dialog}
        className="picker"
        role="dialog"
        aria-modal="true"
        aria-label={t('picker.title')}
        data-testid="template-picker"
        onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onClose())}
      >
        <header className="picker-head">
          <h2>{t('picker.title')}</h2>
          <span className="muted">{contact.name}</span>
          <button type="button" className="ghost" onClick={onClose} aria-label={t('picker.close')}>
            ✕
          </button>
        </header>
        <div className="picker-body">
          <section className="picker-list">
            <input
              ref={search}
              type="search"
              aria-label={t('picker.search')}
              placeholder={t('picker.search')}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={onSearchKey}
              aria-controls="template-results"
              aria-activedescendant={hits[active] ? `tpl-${hits[active].template.id}` : undefined}
            />
            <div className="picker-filters">
              <select aria-label={t('picker.language')} value={language} onChange={(e) => setLanguage(e.target.value)}>
                <option value="">{t('picker.allLanguages')}</option>
                {languages.map((l) => (
                  <option key={l.code} value={l.code}>
                    {l.code === customerCode ? t('picker.languageCustomer', { language: l.name }) : l.name}
                  </option>
                ))}
              </select>
              <select aria-label={t('picker.category')} value={category} onChange={(e) => setCategory(e.target.value as TemplateCategory | '')}>
                <option value="">{t('picker.allCategories')}</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`category.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            {templates.isPending ? (
              <p className="muted" role="status">{t('app.loading')}</p>
            ) : templates.isError ? (
              <p className="error" role="alert">{errorText(appErrorOf(templates.error))}</p>
            ) : hits.length === 0 ? (
              <p className="muted">{t('picker.empty')}</p>
            ) : (
              // Focusable too (a scrolling list): its arrows and Enter work like the search field's.
              <ul
                id="template-results"
                role="listbox"
                aria-label={t('picker.results')}
                className="template-results"
                tabIndex={0}
                aria-activedescendant={hits[active] ? `tpl-${hits[active].template.id}` : undefined}
                onKeyDown={onSearchKey}
              >
                {hits.map((hit, i) => (
                  <TemplateOption
                    key={hit.template.id}
                    hit={hit}
                    active={i === active}
                    selected={hit.template.id === selectedId}
                    customerCode={customerCode}
                    showRawName={showUnsendable}
                    onChoose={choose}
                  />
                ))}
              </ul>
            )}
            {more > 0 && (
              <p className="muted" role="status" data-testid="template-more">
                {tn('picker.more', more)}
              </p>
            )}
          </section>
          <section className="picker-detail" ref={detail}>
            {!selected ? (
              <p className="muted">{t('picker.pick')}</p>
            ) : (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  if (valid && !send.isPending) send.mutate();
                }}
              >
                {optedOutAt && (
                  <div className="opt-out-warning" role="alert" data-testid="marketing-opt-out">
                    <strong>{t('picker.optedOut', { date: formatDate(optedOutAt, dateLocale) })}</strong>
                    <span>{t('picker.optedOutHint')}</span>
                  </div>
                )}
                <h3>{t('picker.preview')}</h3>
                <TemplatePreview
                  template={selected}
                  values={values}
                  header={headerValue}
                  headerFile={file.draft && !file.problem ? { name: file.draft.file.name, src: (file.attachmentId && urlOf(file.attachmentId)) || file.draft.preview } : null}
                />
                {need && <HeaderFields need={need} draft={header} onChange={setHeader} issues={headerIssues} file={file} />}
                {params.length === 0 && !need && <p className="muted">{t('picker.noParams')}</p>}
                {params.map((p) => {
                  const problem = touched[p.key] ? issueOf(p.key) : undefined;
                  const code = p.source === 'body' && selected.category === 'AUTHENTICATION';
                  const prefilled = !(p.key in edits) && prefill[p.key] !== undefined;
                  const from = parameterMeaning(selected, p) === 'name' ? t('picker.prefilled.contact') : t('picker.prefilled.ticket', { number: ticket?.number ?? '' });
                  return (
                    <label key={p.key} className="field">
                      <span>{labels[p.key]}</span>
                      {code && <small className="muted">{t('picker.authCodeHint')}</small>}
                      <input
                        data-autofocus={p.key === firstToFill && !need ? true : undefined}
                        data-prefilled={prefilled || undefined}
                        value={values[p.key] ?? ''}
                        maxLength={p.maxLength + 1}
                        placeholder={p.example ? t('picker.example', { example: p.example }) : undefined}
                        aria-invalid={problem !== undefined}
                        onChange={(e) => setEdits((v) => ({ ...v, [p.key]: e.target.value }))}
                        onBlur={() => setTouched((v) => ({ ...v, [p.key]: true }))}
                      />
                      {prefilled && <small className="muted prefilled">{from}</small>}
                      {problem && <small className="invalid">{t(`param.${problem}`)}</small>}
                    </label>
                  );
                })}
                <MaxWaitField minutes={maxWait} onChange={setMaxWait} />
                {!ticketId && <TicketChoice contactId={contact.id} value={pickedTicketId} onChange={setTicketChoice} />}
                {error && (
                  <p className="error" role="alert">
                    {errorText(error)}
                  </p>
                )}
                <div className="send-row">
                  <div className="send-line">
                    <button className="primary" type="submit" data-testid="template-send" disabled={!valid || send.isPending} {...sendReason.props}>
                      {send.isPending ? t('picker.sending') : t('picker.send')}
                    </button>
                    <PriceLine contactId={contact.id} templateId={selected.id} />
                  </div>
                  {sendReason.note}
                </div>
              </form>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
