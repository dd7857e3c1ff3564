import type { AppInfo } from '../../shared/ipc/contract';
import { AuthSession } from './auth/session';
import { EventStream } from './events/stream';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { createHandlers } from './ipc/handlers';
import { consoleLogger, type Emit, type KeyValueStore, type Logger, type SecureStore } from './ports';
import { SettingsService } from './settings/settings';

export interface CoreDeps {
  secureStore: SecureStore;
  settingsStore: KeyValueStore;
  appInfo: AppInfo;
  emit: Emit;
  defaultServerUrl?: string;
  fetch?: typeof fetch;
  log?: Logger;
}

export interface DesktopCore {
  dispatch: Dispatch;
  session: AuthSession;
  settings: SettingsService;
  events: EventStream;
  /** Restores a stored session and starts the event stream if signed in. */
  start(): Promise<void>;
  stop(): void;
}

/** The composition root of the desktop brain, shared by the Electron main process and the web host. */
export function createDesktopCore(deps: CoreDeps): DesktopCore {
  const log = deps.log ?? consoleLogger;
  const fetchImpl = deps.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const settings = new SettingsService(deps.settingsStore, deps.defaultServerUrl);
  const events = new EventStream(
    {
      serverUrl: () => (session.status().state === 'signedIn' ? session.client.serverUrl : null),
      accessToken: () => session.accessToken(),
      refresh: () => session.refresh(),
    },
    (event) => deps.emit('event:server', event),
    (status) => deps.emit('event:connection', status),
    log,
    { fetch: fetchImpl },
  );
  const session = new AuthSession(
    deps.secureStore,
    (event) => {
      if (event.state === 'signedIn') events.start();
      else events.stop();
      deps.emit('event:session', event);
    },
    fetchImpl,
  );
  const handlers = createHandlers({ session, settings, appInfo: deps.appInfo });
  return {
    dispatch: createDispatch(handlers, log),
    session,
    settings,
    events,
    start: async () => {
      await session.restore();
    },
    stop: () => events.stop(),
  };
}
