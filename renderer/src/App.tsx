import { useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import type { AuthStatus } from '../../shared/ipc/contract';
import { api, call } from './api/desktop';
import { keys } from './api/keys';
import { LoginScreen } from './features/auth/LoginScreen';
import { useI18n } from './i18n/i18n';
import { useUi } from './state/ui';

// Split by screen (issue 15): the login is the first screen; the signed-in shell loads after.
const Shell = lazy(() => import('./ui/Shell').then((m) => ({ default: m.Shell })));

export function App() {
  const client = useQueryClient();
  const { t } = useI18n();
  const setSignedOutReason = useUi((s) => s.setSignedOutReason);
  const auth = useQuery({ queryKey: keys.auth, queryFn: () => call(api().auth.status()), staleTime: Infinity });
  const expiredAtStart = auth.data?.state === 'signedOut' && auth.data.reason === 'expired';
  useEffect(() => {
    if (expiredAtStart) setSignedOutReason('expired');
  }, [expiredAtStart, setSignedOutReason]);

  useEffect(
    () =>
      api().on.session((event) => {
        if (event.state === 'signedOut') {
          setSignedOutReason(event.reason === 'expired' ? 'expired' : null);
          client.setQueryData<AuthStatus>(keys.auth, { state: 'signedOut' });
          client.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' && q.queryKey[0] !== 'settings' && q.queryKey[0] !== 'app-info' });
        } else {
          void client.invalidateQueries({ queryKey: keys.auth });
        }
      }),
    [client, setSignedOutReason],
  );

  const splash = <div className="splash" role="status">{t('app.loading')}</div>;
  if (auth.isPending) return splash;
  if (auth.data?.state === 'signedIn') {
    return (
      <Suspense fallback={splash}>
        <Shell user={auth.data.user} />
      </Suspense>
    );
  }
  return <LoginScreen />;
}
