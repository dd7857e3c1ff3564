import { useMutation } from '@tanstack/react-query';
import type { User } from '../../../shared/api/schemas';
import { api, call } from '../api/desktop';
import { useServerEvents } from '../api/useServerEvents';
import { InboxScreen } from '../features/inbox/InboxScreen';
import { TicketsScreen } from '../features/tickets/TicketsScreen';
import { useI18n } from '../i18n/i18n';
import { useUi } from '../state/ui';
import { LanguageSelect } from './LanguageSelect';

function ConnectionBadge() {
  const { t } = useI18n();
  const state = useUi((s) => s.connection);
  return (
    <span className={`connection connection-${state}`} data-testid="connection-status" role="status" aria-live="polite">
      <span className="dot" aria-hidden="true" />
      {t(`connection.${state}`)}
    </span>
  );
}

/** The signed-in layout: navigation, the user, and the inbox with the open conversation. */
export function Shell({ user }: { user: User }) {
  const { t } = useI18n();
  useServerEvents();
  const logout = useMutation({ mutationFn: () => call(api().auth.logout()) });
  const { section, showSection } = useUi();

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">
          <span className="logo small" aria-hidden="true">Z</span> {t('app.name')}
        </span>
        <ConnectionBadge />
        <span className="spacer" />
        <span className="user" title={t('common.signedInAs', { name: user.name })}>
          <strong>{user.name}</strong> <span className="role">{t(`role.${user.role}`)}</span>
        </span>
        <LanguageSelect />
        <button type="button" className="ghost" data-testid="logout" onClick={() => logout.mutate()} disabled={logout.isPending}>
          {t('common.logout')}
        </button>
      </header>
      <nav className="sidenav" aria-label={t('nav.main')}>
        {(['inbox', 'tickets'] as const).map((item) => (
          <button
            key={item}
            type="button"
            data-testid={`nav-${item}`}
            className={section === item ? 'active' : ''}
            aria-current={section === item ? 'page' : undefined}
            onClick={() => showSection(item)}
          >
            {t(`nav.${item}`)}
          </button>
        ))}
        <span className="disabled" aria-disabled="true" title={t('nav.soon')}>
          {t('nav.supervisor')}
        </span>
        <span className="disabled" aria-disabled="true" title={t('nav.soon')}>
          {t('nav.settings')}
        </span>
      </nav>
      {section === 'inbox' ? <InboxScreen user={user} /> : <TicketsScreen user={user} />}
    </div>
  );
}
