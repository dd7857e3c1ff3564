import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { LANGUAGES } from '../../../../shared/i18n';
import type { Role } from '../../../../shared/api/schemas';
import type { AppInfo } from '../../../../shared/ipc/contract';
import { Settings, type SettingKey, type SettingsView } from '../../../../shared/ipc/settings';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { LoadError } from '../../ui/LoadError';
import { announce } from '../../ui/live/announcer';
import { TrustedOriginsSetting } from './TrustedOriginsSetting';

type Save = (patch: Partial<Settings>) => void;

/** Every desktop setting; keys locked by IT policy are shown but cannot be changed. */
export function SettingsScreen({ role }: { role: Role }) {
  const { t, errorText } = useI18n();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: keys.settings, queryFn: () => call(api().settings.get()) });
  const info = useQuery({ queryKey: keys.appInfo, queryFn: () => call(api().app.info()), staleTime: Infinity });
  // Which settings the last save changed: each says "Saved" beside itself (and screen readers hear it once).
  const [savedKeys, setSavedKeys] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (patch: Partial<Settings>) => call(api().settings.update(patch)),
    // Shown at once, so that a second change (another site added, say) builds on the first.
    onMutate: (patch) => client.setQueryData<SettingsView>(keys.settings, (old) => old && { ...old, values: { ...old.values, ...patch } }),
    onSuccess: (next: SettingsView, patch) => {
      client.setQueryData(keys.settings, next);
      setSavedKeys(Object.keys(patch));
      announce('polite', t('settings.saved'));
    },
    onError: () => void client.invalidateQueries({ queryKey: keys.settings }),
  });

  if (settings.isPending) return <section className="settings state-box" role="status">{t('app.loading')}</section>;
  if (settings.isError) {
    return (
      <section className="settings">
        <LoadError what="settings.loadError" error={settings.error} onRetry={() => void settings.refetch()} />
      </section>
    );
  }
  const { values, managed } = settings.data;
  const field = (key: SettingKey) => ({
    managed: managed.includes(key),
    label: t(`settings.${key}`),
    testId: `setting-${key}`,
    saved: !save.isPending && savedKeys.includes(key),
  });
  const onSave: Save = (patch) => save.mutate(patch);

  return (
    <section className="settings" aria-labelledby="settings-title" data-testid="settings-screen">
      <header className="settings-head">
        <h2 id="settings-title">{t('settings.title')}</h2>
      </header>
      {managed.length > 0 && <p className="notice">{t('settings.managedNote')}</p>}
      {save.isError && (
        <p className="error" role="alert">
          {errorText(appErrorOf(save.error))}
        </p>
      )}
      <fieldset>
        <legend>{t('settings.general')}</legend>
        <TextSetting {...field('serverUrl')} hint={t('settings.serverUrlHint')} value={values.serverUrl} onCommit={(serverUrl) => onSave({ serverUrl })} />
        <Row {...field('language')}>
          <select value={values.language} disabled={managed.includes('language')} onChange={(e) => onSave({ language: e.target.value as Settings['language'] })}>
            <option value="system">{t('settings.languageSystem')}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </Row>
      </fieldset>
      <fieldset>
        <legend>{t('settings.notifications')}</legend>
        {/* Supervisors hear of the team; everyone else of their own conversations. */}
        {role === 'supervisor' ? (
          <>
            <Toggle {...field('notifySupervisorAlerts')} checked={values.notifySupervisorAlerts} onChange={(notifySupervisorAlerts) => onSave({ notifySupervisorAlerts })} />
            <TextSetting
              {...field('supervisorThresholdMinutes')}
              value={String(values.supervisorThresholdMinutes)}
              inputMode="numeric"
              parse={parseThreshold}
              invalid={t('settings.invalidMinutes')}
              onCommit={(supervisorThresholdMinutes) => onSave({ supervisorThresholdMinutes })}
            />
          </>
        ) : (
          <>
            {(['notifyCustomerReplied', 'notifyWindowExpiring', 'notifyAutoClose'] as const).map((key) => (
              <Toggle key={key} {...field(key)} checked={values[key]} onChange={(checked) => onSave({ [key]: checked })} />
            ))}
            <TextSetting
              {...field('notifyLeadMinutes')}
              hint={t('settings.notifyLeadMinutesHint')}
              value={values.notifyLeadMinutes.join(', ')}
              parse={parseLeads}
              invalid={t('settings.invalidLeads')}
              onCommit={(notifyLeadMinutes) => onSave({ notifyLeadMinutes })}
            />
          </>
        )}
        <Toggle {...field('notificationSound')} checked={values.notificationSound} onChange={(notificationSound) => onSave({ notificationSound })} />
        <Toggle {...field('quietHoursEnabled')} checked={values.quietHoursEnabled} onChange={(quietHoursEnabled) => onSave({ quietHoursEnabled })} />
        <div className="inline-fields">
          {(['quietHoursStart', 'quietHoursEnd'] as const).map((key) => (
            <Row key={key} {...field(key)}>
              {/* The times mean nothing while quiet hours are off: disabled until they are on. */}
              <input type="time" value={values[key]} disabled={managed.includes(key) || !values.quietHoursEnabled} onChange={(e) => e.target.value && onSave({ [key]: e.target.value })} />
            </Row>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('settings.desktop')}</legend>
        {info.data?.host === 'web' && <p className="muted">{t('settings.desktopOnlyHint')}</p>}
        <Toggle {...field('closeToTray')} checked={values.closeToTray} onChange={(closeToTray) => onSave({ closeToTray })} />
        <Toggle {...field('startAtLogin')} checked={values.startAtLogin} onChange={(startAtLogin) => onSave({ startAtLogin })} />
        <TrustedOriginsSetting
          origins={values.trustedLinkOrigins}
          managed={managed.includes('trustedLinkOrigins')}
          badge={<Managed managed={managed.includes('trustedLinkOrigins')} />}
          onSave={(trustedLinkOrigins) => onSave({ trustedLinkOrigins })}
        />
        <Toggle {...field('autoUpdate')} checked={values.autoUpdate} onChange={(autoUpdate) => onSave({ autoUpdate })} />
        <Row {...field('updateChannel')}>
          <select
            value={values.updateChannel}
            disabled={managed.includes('updateChannel') || !values.autoUpdate}
            onChange={(e) => onSave({ updateChannel: e.target.value as Settings['updateChannel'] })}
          >
            <option value="stable">{t('settings.updateChannel.stable')}</option>
            <option value="beta">{t('settings.updateChannel.beta')}</option>
          </select>
        </Row>
        {values.updateUrl && <p className="muted" data-testid="setting-updateUrl">{t('settings.updateUrlManaged', { url: values.updateUrl })}</p>}
      </fieldset>
      <AppVersion info={info.data} />
    </section>
  );
}

/** Whole minutes as typed ("15"); the settings schema then says what is allowed. */
const minutesOf = (text: string) => (/^\d{1,4}$/.test(text.trim()) ? Number(text) : Number.NaN);

function parseLeads(text: string): number[] | null {
  const checked = Settings.shape.notifyLeadMinutes.safeParse(text.split(/[,\s]+/).filter(Boolean).map(minutesOf));
  return checked.success ? [...new Set(checked.data)].sort((a, b) => b - a) : null;
}

function parseThreshold(text: string): number | null {
  const checked = Settings.shape.supervisorThresholdMinutes.safeParse(minutesOf(text));
  return checked.success ? checked.data : null;
}

function Managed({ managed }: { managed: boolean }) {
  const { t } = useI18n();
  return managed ? <span className="managed-note" data-testid="managed-badge">{t('settings.managed')}</span> : null;
}

/** "Saved", beside the setting just saved (announced through the live region, so not a region itself). */
function Saved({ saved }: { saved?: boolean }) {
  const { t } = useI18n();
  return saved ? <span className="saved-note" data-testid="setting-saved">✓ {t('settings.saved')}</span> : null;
}

interface RowProps {
  label: string;
  managed: boolean;
  testId: string;
  saved?: boolean;
}

function Row({ label, managed, testId, saved, children }: RowProps & { children: ReactNode }) {
  return (
    <label className="setting" data-testid={testId} data-managed={managed || undefined}>
      <span className="setting-label">{label}</span>
      {children}
      <Managed managed={managed} />
      <Saved saved={saved} />
    </label>
  );
}

function Toggle({ label, managed, testId, saved, checked, onChange }: RowProps & { checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="setting toggle" data-testid={testId} data-managed={managed || undefined}>
      <input type="checkbox" checked={checked} disabled={managed} onChange={(e) => onChange(e.target.checked)} />
      <span className="setting-label">{label}</span>
      <Managed managed={managed} />
      <Saved saved={saved} />
    </label>
  );
}

/** A text field saved when it loses focus or on Enter, after its own check. */
function TextSetting<T = string>(props: RowProps & {
  value: string; hint?: string; invalid?: string;
  inputMode?: 'numeric' | 'url'; parse?: (text: string) => T | null; onCommit(value: T): void;
}) {
  const [text, setText] = useState(props.value);
  const [bad, setBad] = useState(false);
  useEffect(() => setText(props.value), [props.value]);
  const commit = () => {
    if (text === props.value) return setBad(false);
    const parsed = props.parse ? props.parse(text) : (text.trim() as T);
    setBad(parsed === null);
    if (parsed !== null) props.onCommit(parsed);
  };
  return (
    <Row label={props.label} managed={props.managed} testId={props.testId} saved={props.saved}>
      <input
        value={text}
        disabled={props.managed}
        inputMode={props.inputMode}
        aria-invalid={bad || undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      {bad && props.invalid ? <small className="field-error">{props.invalid}</small> : props.hint ? <small className="muted">{props.hint}</small> : null}
    </Row>
  );
}

function AppVersion({ info }: { info: AppInfo | undefined }) {
  return info ? <p className="muted version">ZapDesk {info.version} · {info.platform}</p> : null;
}
