import { useMutation } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect } from 'react';
import type { User } from '../../../shared/api/schemas';
import { api, call } from '../api/desktop';
import { useServerEvents } from '../api/useServerEvents';
import { InboxScreen } from '../features/inbox/InboxScreen';
import { useI18n } from '../i18n/i18n';
import { useUi, type Section } from '../state/ui';
import { LanguageSelect } from './LanguageSelect';
import { LiveRegions } from './live/LiveRegions';
import { NavIcon } from './NavIcons';
import { Toasts } from './Toasts';

// The inbox comes with the shell; the other screens load when first opened (a chunk each).
const TicketsScreen = lazy(() => import('../features/tickets/TicketsScreen').then((m) => ({ default: m.TicketsScreen })));
const SupervisorScreen = lazy(() => import('../features/supervisor/SupervisorScreen').then((m) => ({ default: m.SupervisorScreen })));
const ConsumptionScreen = lazy(() => import('../features/consumption/ConsumptionScreen').then((m) => ({ default: m.ConsumptionScreen })));
const SettingsScreen = lazy(() => import('../features/settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));

const BOARD_ROLES: readonly User['role'][] = ['supervisor', 'administrator'];

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
  const { section: chosen, showSection, selectConversation, openOnBoard } = useUi();
  const items: readonly Section[] = BOARD_ROLES.includes(user.role) ? ['inbox', 'tickets', 'supervisor', 'consumption', 'settings'] : ['inbox', 'tickets', 'settings'];
  // After another user of this window signed out, their section may not exist for this one.
  const section = items.includes(chosen) ? chosen : 'inbox';
  // A notification's conversation: supervisors read it beside their board, agents in the inbox.
  const open = useCallback(
    (conversationId: string) => (user.role === 'supervisor' ? openOnBoard(conversationId) : selectConversation(conversationId)),
    [user.role, openOnBoard, selectConversation],
  );
  useEffect(() => api().on.navigate(({ conversationId }) => open(conversationId)), [open]);
  useEffect(() => {
    if (user.role === 'supervisor') showSection('supervisor');
  }, [user.role, showSection]);

  return (
    <div className={`shell shell-${section}`}>
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
        {items.map((item) => (
          <button
            key={item}
            type="button"
            data-testid={`nav-${item}`}
            className={section === item ? 'active' : ''}
            aria-current={section === item ? 'page' : undefined}
            onClick={() => showSection(item)}
            aria-label={t(`nav.${item}`)}
            title={t(`nav.${item}`)}
          >
            <NavIcon section={item} />
            <span className="nav-label">{t(`nav.${item}`)}</span>
          </button>
        ))}
      </nav>
      {/* The main landmark, named by the section's heading; it lays out nothing itself (display: contents). */}
      <main className="shell-main" aria-labelledby="section-title">
        <h1 id="section-title" className="sr-only">
          {t(`nav.${section}`)}
        </h1>
        {section === 'inbox' && <InboxScreen user={user} />}
        <Suspense fallback={<div className="splash" role="status">{t('app.loading')}</div>}>
          {section === 'tickets' && <TicketsScreen user={user} />}
          {section === 'supervisor' && <SupervisorScreen user={user} />}
          {section === 'consumption' && <ConsumptionScreen />}
          {section === 'settings' && <SettingsScreen role={user.role} />}
        </Suspense>
      </main>
      <Toasts onOpen={open} />
      <LiveRegions />
    </div>
  );
}
