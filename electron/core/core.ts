import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppInfo } from '../../shared/ipc/contract';
import { languageFor } from '../../shared/i18n';
import type { Language, Settings } from '../../shared/ipc/settings';
import { AuthSession } from './auth/session';
import { ServerClock, systemTimers, type Timers } from './deadlines/clock';
import { DeadlineMirror } from './deadlines/mirror';
import { NotificationPolicy } from './deadlines/policy';
import { EventStream } from './events/stream';
import { DraftService } from './drafts/drafts';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { createHandlers } from './ipc/handlers';
import { MediaCache } from './media/cache';
import { MediaService, type OpenFiles } from './media/media';
import { UploadService } from './media/uploads';
import { consoleLogger, MemoryStore, type AttentionCounts, type Emit, type KeyValueStore, type Logger, type Notify, type SecureStore } from './ports';
import { linkDecision, type LinkDecision } from './security/urls';
import { SettingsService } from './settings/settings';

export interface CoreDeps {
  secureStore: SecureStore;
  settingsStore: KeyValueStore;
  /** Where unsent drafts are kept (a JSON file of their own in Electron); in memory without one. */
  draftStore?: KeyValueStore;
  appInfo: AppInfo;
  emit: Emit;
  notify: Notify;
  /** IT policy values (read by the shell at start); they override the user's settings. */
  policy?: Partial<Settings>;
  onCountsChanged?: (counts: AttentionCounts) => void;
  defaultServerUrl?: string;
  fetch?: typeof fetch;
  timers?: Timers;
  log?: Logger;
  /** Minutes since local midnight (quiet hours); tests pin it. */
  minutesOfDay?: (epochMs: number) => number;
  /**
   * Where attachment bytes are cached (the app's data folder in Electron) and the size cap
   * (default 200 MB). Without a folder, a private one under the system's temp folder.
   */
  mediaCache?: { dir?: string; maxBytes?: number };
  /** Electron: opens attachments with the computer's apps (`media:open`). Absent in the web host. */
  openFiles?: OpenFiles;
}

export interface DesktopCore {
  dispatch: Dispatch;
  session: AuthSession;
  settings: SettingsService;
  events: EventStream;
  deadlines: DeadlineMirror;
  /** Attachment bytes for the shells' media URL (protocol handler, web host route). */
  media: MediaService;
  /** Restores a stored session and starts the event stream if signed in. */
  start(): Promise<void>;
  /** After sleep or a screen unlock: re-sync deadlines and fire what was missed, once. */
  resume(): Promise<void>;
  counts(): AttentionCounts;
  /** The language of what the user sees: the chosen one, or the system's when `system`. */
  language(): Language;
  /** What the shell does with a link leaving the app: trusted origins and the signed-in server open at once. */
  linkDecision(url: string): LinkDecision;
  stop(): void;
}

/** The composition root of the desktop brain, shared by the Electron main process and the web host. */
export function createDesktopCore(deps: CoreDeps): DesktopCore {
  const log = deps.log ?? consoleLogger;
  const timers = deps.timers ?? systemTimers;
  const fetchImpl = deps.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const settings = new SettingsService(deps.settingsStore, deps.defaultServerUrl, deps.policy);
  const clock = new ServerClock(timers);
  const language = (): Language => {
    const chosen = settings.get().language;
    return chosen === 'system' ? languageFor(deps.appInfo.systemLocale) : chosen;
  };
  const policy = new NotificationPolicy({ timers, clock, settings: () => settings.get(), language, show: deps.notify, minutesOfDay: deps.minutesOfDay });
  const counts = (): AttentionCounts => ({ unread: policy.unreadCount, expiring: deadlines.expiringCount() });
  const deadlines = new DeadlineMirror({
    timers,
    clock,
    policy,
    settings: () => settings.get(),
    signedIn: () => {
      const user = session.currentUser;
      return user ? { user, client: session.client } : null;
    },
    log,
    onCountsChanged: () => deps.onCountsChanged?.(counts()),
  });
  const events = new EventStream(
    {
      serverUrl: () => (session.status().state === 'signedIn' ? session.client.serverUrl : null),
      accessToken: () => session.accessToken(),
      refresh: () => session.refresh(),
    },
    (event) => {
      if (event.type === 'budget.alert') policy.budgetAlert(event);
      else deadlines.onServerEvent(event);
      deps.emit('event:server', event);
    },
    (status) => {
      // Every (re)connection may have missed events: re-read the deadlines.
      if (status.state === 'online') void deadlines.resync();
      deps.emit('event:connection', status);
    },
    log,
    { fetch: fetchImpl },
  );
  const cache = new MediaCache(deps.mediaCache?.dir ?? join(tmpdir(), 'zapdesk-media', randomUUID()), deps.mediaCache?.maxBytes);
  const media = new MediaService(() => (session.status().state === 'signedIn' ? session.client : null), cache, log, deps.openFiles);
  const drafts = new DraftService(deps.draftStore ?? new MemoryStore());
  /** Whose drafts to forget when they sign out (the event does not say who). */
  let signedInUserId: string | null = null;
  const uploads = new UploadService(() => session.client, (progress) => deps.emit('event:upload', progress));
  const session = new AuthSession(
    deps.secureStore,
    (event) => {
      if (event.state === 'signedIn') {
        signedInUserId = event.user.id;
        events.start();
      } else {
        // Signing out forgets the drafts; an expired session keeps them for the same person's return.
        if (event.reason === 'logout' && signedInUserId) drafts.forgetUser(signedInUserId);
        events.stop();
        deadlines.stop();
        uploads.clear();
        // The next person to sign in on this machine does not get the last one's customers' media.
        void media.clear().catch((error: unknown) => log.warn('media cache not cleared', error));
      }
      deps.emit('event:session', event);
    },
    fetchImpl,
  );
  settings.onChange(() => deadlines.applySettings());
  const handlers = createHandlers({
    session,
    settings,
    appInfo: deps.appInfo,
    connection: () => events.connection,
    uploads,
    media,
    drafts,
    notificationsSeen: () => {
      policy.markSeen();
      deps.onCountsChanged?.(counts());
    },
  });
  const observeServerTime = (data: unknown) => {
    const time = (data as { serverTime?: unknown } | null)?.serverTime;
    if (typeof time === 'string') clock.observe(time);
  };
  return {
    dispatch: createDispatch(handlers, log, observeServerTime),
    session,
    settings,
    events,
    deadlines,
    media,
    start: async () => {
      await session.restore(settings.get().allowInsecureServer);
    },
    resume: () => deadlines.resync(),
    counts,
    language,
    linkDecision: (url) => {
      const status = session.status();
      return linkDecision(url, { trusted: settings.get().trustedLinkOrigins, serverUrl: status.state === 'signedIn' ? status.serverUrl : null });
    },
    stop: () => {
      events.stop();
      deadlines.stop();
      media.forgetOpenedSync();
    },
  };
}
