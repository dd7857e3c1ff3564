import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, appErrorOf, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { useUi } from '../../state/ui';
import { LanguageSelect } from '../../ui/LanguageSelect';

export function LoginScreen() {
  const { t, errorText } = useI18n();
  const client = useQueryClient();
  const settings = useQuery({ queryKey: keys.settings, queryFn: () => call(api().settings.get()) });
  const { signedOutReason, setSignedOutReason } = useUi();
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const serverManaged = settings.data?.managed.includes('serverUrl') ?? false;
  const server = (serverManaged ? null : serverUrl) ?? settings.data?.values.serverUrl ?? '';

  const login = useMutation({
    mutationFn: () => call(api().auth.login({ serverUrl: server, email, password })),
    onSuccess: async () => {
      setSignedOutReason(null);
      await Promise.all([client.invalidateQueries({ queryKey: keys.settings }), client.invalidateQueries({ queryKey: keys.auth })]);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!login.isPending) login.mutate();
  };
  const error = login.error ? appErrorOf(login.error) : null;

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-brand" aria-hidden="true">
          <span className="logo">Z</span>
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {signedOutReason === 'expired' && !error && (
          <p className="notice" role="status">
            {t('login.sessionExpired')}
          </p>
        )}
        <label className="field">
          <span>{t('login.serverUrl')}</span>
          <input
            value={server}
            onChange={(e) => setServerUrl(e.target.value)}
            autoComplete="url"
            inputMode="url"
            required
            readOnly={serverManaged}
            aria-describedby={serverManaged ? 'server-managed' : undefined}
          />
          {serverManaged && (
            <small id="server-managed" className="managed-note">
              {t('settings.managed')}
            </small>
          )}
        </label>
        <label className="field">
          <span>{t('login.email')}</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" autoFocus required />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </label>
        {error && (
          <p className="error" role="alert" data-testid="login-error">
            {errorText(error, { server })}
          </p>
        )}
        <button className="primary" type="submit" disabled={login.isPending}>
          {login.isPending ? t('login.submitting') : t('login.submit')}
        </button>
        <div className="login-footer">
          <LanguageSelect />
        </div>
      </form>
    </main>
  );
}
