/**
 * A fake `electron` module for main-process tests: the Electron binary cannot run on our build
 * machines, so electron/main runs under Vitest with this module in Electron's place.
 *
 *   vi.mock('electron', () => import('./testing/fake-electron'));
 *   import { fake, app, shell } from './testing/fake-electron';   // the same instance main gets
 *   beforeEach(() => fake.reset());
 *
 * The exports behave like Electron's where main relies on it: events carry `preventDefault`; a
 * window whose `close` was not prevented is destroyed (then `closed`, then `window-all-closed`);
 * `app.quit()` emits `before-quit`, closes the windows and gives up if one stays open; one
 * handler per IPC channel; a permission is granted unless a handler says otherwise; the last
 * `registerSchemesAsPrivileged` call wins. `fake` records what main did and lets a test act as
 * the user or the OS (click a notification or the tray, close a window, invoke a channel from
 * a frame, ask for a permission). Like Electron's main process, it sets `process.resourcesPath`.
 */
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions, MessageBoxOptions, MessageBoxReturnValue, NotificationConstructorOptions } from 'electron';
import { vi } from 'vitest';

/** An Electron event: a listener may call `preventDefault`. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  const event: FakeEvent = {
    defaultPrevented: false,
    preventDefault: () => {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/** A frame (WebFrameMain): a window's main frame, or any other one a test makes (an iframe: `{ url }`). */
export interface FakeFrame {
  url: string;
}

export interface FakeInvokeEvent {
  senderFrame: FakeFrame | null;
}
type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;
type SchemeHandler = (request: Request) => Response | Promise<Response>;
type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type PermissionCheckHandler = (webContents: unknown, permission: string, origin: string, details: unknown) => boolean;
interface CustomScheme {
  scheme: string;
  privileges?: Record<string, boolean>;
}

const RESOURCES_PATH = '/opt/ZapDesk/resources';
if (!('resourcesPath' in process)) Object.defineProperty(process, 'resourcesPath', { value: RESOURCES_PATH, configurable: true });

// ---- app --------------------------------------------------------------------------------------

class FakeApp extends EventEmitter {
  isPackaged = true;
  readonly name = 'ZapDesk';
  readonly dock = undefined;
  readonly requestSingleInstanceLock = vi.fn(() => fake.singleInstanceLock);
  /** As Electron: `before-quit`, then every window is closed; a window that stays open cancels the quit. */
  readonly quit = vi.fn((): void => {
    if (fake.quitting || fake.hasQuit) return;
    const before = fakeEvent();
    fake.quitting = true;
    this.emit('before-quit', before);
    if (!before.defaultPrevented) for (const window of BrowserWindow.getAllWindows()) window.close();
    if (before.defaultPrevented || BrowserWindow.getAllWindows().length > 0) {
      fake.quitting = false;
      return;
    }
    this.emit('will-quit', fakeEvent());
    fake.hasQuit = true;
    this.emit('quit', fakeEvent(), 0);
  });
  readonly whenReady = vi.fn(() => Promise.resolve());
  readonly isReady = () => true;
  readonly setAppUserModelId = vi.fn<(id: string) => void>();
  readonly getPath = (name: string) => join(tmpdir(), 'zapdesk-fake-electron', name);
  readonly getAppPath = () => fake.appPath;
  readonly getVersion = () => fake.version;
  readonly getLocale = () => fake.locale;
  readonly getPreferredSystemLanguages = () => [...fake.systemLanguages];
  readonly setLoginItemSettings = vi.fn<(settings: { openAtLogin?: boolean }) => void>();
  readonly setBadgeCount = vi.fn((count?: number) => {
    fake.badgeCount = count ?? 0;
    return true;
  });
  readonly focus = vi.fn();
}
export const app = new FakeApp();

// ---- windows ----------------------------------------------------------------------------------

class FakeWebContents extends EventEmitter {
  /** The top frame; `loadURL` puts the page's URL in it. */
  readonly mainFrame: FakeFrame = { url: '' };
  /** What main sent to the page (`webContents.send`), in order. */
  readonly sent: { channel: string; payload: unknown }[] = [];
  private openHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;

  send(channel: string, payload?: unknown): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, payload });
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The page asks for a new window (target=_blank, window.open): Electron allows it unless a handler denies. */
  openWindow(url: string): { action: string } {
    return this.openHandler ? this.openHandler({ url }) : { action: 'allow' };
  }

  /** The page navigates its top frame: false when a `will-navigate` listener prevented it. */
  navigate(url: string): boolean {
    const event = fakeEvent();
    this.emit('will-navigate', event, url);
    if (event.defaultPrevented) return false;
    this.mainFrame.url = url;
    return true;
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return fake.windows.filter((window) => !window.isDestroyed());
  }

  readonly webContents = new FakeWebContents();
  /** Every URL or file the window was asked to load. */
  readonly loaded: string[] = [];
  /** Taskbar flashing (`flashFrame`). */
  flashing = false;
  private visible: boolean;
  private minimized = false;
  private focused = false;
  private destroyed = false;

  constructor(readonly options: BrowserWindowConstructorOptions = {}) {
    super();
    this.visible = options.show !== false;
    fake.windows.push(this);
  }

  loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }

  loadFile(path: string): Promise<void> {
    return this.loadURL(`file://${path}`);
  }

  /** Shows and focuses the window, as Electron's `show`. */
  show(): void {
    this.visible = true;
    this.focus();
  }

  hide(): void {
    this.visible = false;
    this.blur();
  }

  minimize(): void {
    this.minimized = true;
    this.blur();
  }

  restore(): void {
    this.minimized = false;
    this.visible = true;
  }

  focus(): void {
    if (this.focused || this.destroyed) return;
    this.focused = true;
    this.emit('focus', fakeEvent());
  }

  blur(): void {
    if (!this.focused) return;
    this.focused = false;
    this.emit('blur', fakeEvent());
  }

  isVisible(): boolean {
    return this.visible;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isFocused(): boolean {
    return this.focused;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  flashFrame(flag: boolean): void {
    this.flashing = flag;
  }

  /** The user (or `app.quit`) closes the window: `close`, and unless a listener prevents it, destroyed. */
  close(): void {
    if (this.destroyed) return;
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.focused = false;
    this.webContents.destroyed = true;
    this.emit('closed');
    // While quitting, Electron does not emit window-all-closed.
    if (!fake.quitting && BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

// ---- IPC --------------------------------------------------------------------------------------

class FakeIpcMain extends EventEmitter {
  handle(channel: string, handler: InvokeHandler): void {
    if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    fake.ipcHandlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    fake.ipcHandlers.delete(channel);
  }
}
export const ipcMain = new FakeIpcMain();

// ---- notifications, tray, images ----------------------------------------------------------------

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return fake.notificationsSupported;
  }

  shown = false;
  closed = false;

  constructor(readonly options: NotificationConstructorOptions = {}) {
    super();
    fake.notifications.push(this);
  }

  show(): void {
    this.shown = true;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', fakeEvent());
  }

  /** The user clicks the notification. */
  click(): void {
    this.emit('click', fakeEvent());
  }
}

class FakeImage {
  constructor(
    readonly path: string,
    private readonly size = { width: 256, height: 256 },
  ) {}

  resize(size: { width?: number; height?: number }): FakeImage {
    return new FakeImage(this.path, { width: size.width ?? this.size.width, height: size.height ?? this.size.height });
  }

  getSize(): { width: number; height: number } {
    return { ...this.size };
  }

  isEmpty(): boolean {
    return !this.path;
  }
}

export const nativeImage = {
  createFromPath: (path: string) => new FakeImage(path),
  createEmpty: () => new FakeImage('', { width: 0, height: 0 }),
};

export class Menu {
  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu {
    return new Menu(template);
  }

  constructor(readonly items: MenuItemConstructorOptions[]) {}

  /** The user picks the enabled item with this label. */
  click(label: string): void {
    const item = this.items.find((candidate) => candidate.label === label);
    if (!item) throw new Error(`No menu item '${label}' in: ${this.items.map((i) => i.label ?? `(${i.type})`).join(', ')}`);
    if (item.enabled === false) throw new Error(`Menu item '${label}' is disabled`);
    item.click?.(item as never, undefined, {} as never);
  }
}

export class Tray extends EventEmitter {
  tooltip = '';
  title = '';
  menu: Menu | null = null;
  private destroyed = false;

  constructor(readonly image: FakeImage) {
    super();
    fake.trays.push(this);
  }

  setToolTip(text: string): void {
    this.tooltip = text;
  }

  setTitle(title: string): void {
    this.title = title;
  }

  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** The user clicks the icon. */
  click(): void {
    if (!this.destroyed) this.emit('click', fakeEvent(), { x: 0, y: 0, width: 16, height: 16 });
  }
}

// ---- OS services --------------------------------------------------------------------------------

export const powerMonitor = new EventEmitter();

/** Reversible, but never the plain text, so a test can tell a sealed secret from a stored one. */
export const safeStorage = {
  isEncryptionAvailable: () => fake.encryptionAvailable,
  encryptString: (text: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)]),
  decryptString: (data: Buffer) => {
    if (data.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(data.subarray(3).map((byte) => byte ^ 0x5a)).toString('utf8');
  },
};

export const shell = {
  openExternal: vi.fn<(url: string) => Promise<void>>(async () => undefined),
  /** Electron answers '' when the file was opened, else an error message. */
  openPath: vi.fn<(path: string) => Promise<string>>(async () => ''),
  showItemInFolder: vi.fn<(path: string) => void>(),
};

export const clipboard = {
  writeText: vi.fn((text: string) => {
    fake.clipboardText = text;
  }),
  readText: () => fake.clipboardText,
};

export const dialog = {
  /** By default the user dismisses the box (Esc): the answer is its cancelId. */
  showMessageBox: vi.fn(async (...args: unknown[]): Promise<MessageBoxReturnValue> => {
    const options = args.at(-1) as MessageBoxOptions;
    return { response: options.cancelId ?? 0, checkboxChecked: false };
  }),
  showErrorBox: vi.fn<(title: string, content: string) => void>(),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
      fake.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
      fake.permissionCheckHandler = handler;
    },
  },
};

export const protocol = {
  /** Electron keeps only the last call's list. */
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    fake.privilegedSchemes = [...schemes];
  },
  handle(scheme: string, handler: SchemeHandler): void {
    fake.schemeHandlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    fake.schemeHandlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return fake.schemeHandlers.has(scheme);
  },
};

// ---- the test's side ----------------------------------------------------------------------------

const spies = [
  app.requestSingleInstanceLock,
  app.quit,
  app.whenReady,
  app.setAppUserModelId,
  app.setLoginItemSettings,
  app.setBadgeCount,
  app.focus,
  shell.openExternal,
  shell.openPath,
  shell.showItemInFolder,
  clipboard.writeText,
  dialog.showMessageBox,
  dialog.showErrorBox,
];

export const fake = {
  /** What `app.requestSingleInstanceLock()` answers: false when another ZapDesk already runs. */
  singleInstanceLock: true,
  encryptionAvailable: true,
  notificationsSupported: true,
  appPath: '/home/dev/zapdesk',
  resourcesPath: RESOURCES_PATH,
  version: '1.2.3',
  locale: 'en-US',
  systemLanguages: ['en-US'],
  /** `before-quit` was emitted and the quit goes on. */
  quitting: false,
  /** The app has quit (`quit` emitted). */
  hasQuit: false,
  badgeCount: 0,
  clipboardText: '',
  windows: [] as BrowserWindow[],
  notifications: [] as Notification[],
  trays: [] as Tray[],
  ipcHandlers: new Map<string, InvokeHandler>(),
  privilegedSchemes: [] as CustomScheme[],
  schemeHandlers: new Map<string, SchemeHandler>(),
  permissionRequestHandler: null as PermissionRequestHandler | null,
  permissionCheckHandler: null as PermissionCheckHandler | null,

  /** The tray icon on screen now, if any. */
  tray(): Tray | null {
    return fake.trays.find((tray) => !tray.isDestroyed()) ?? null;
  },

  /** `ipcRenderer.invoke(channel, payload)` from `frame` (null: a frame already gone). */
  async invoke(channel: string, payload: unknown, frame: FakeFrame | null): Promise<unknown> {
    const handler = fake.ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frame }, payload);
  },

  /** A page asks for a permission (camera, geolocation...): what the app answers; Electron grants without a handler. */
  askPermission(permission: string, window: BrowserWindow | null = null): Promise<boolean> {
    const handler = fake.permissionRequestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(window?.webContents ?? null, permission, resolve, {}));
  },

  /** A page checks a permission without asking (navigator.permissions.query). */
  checkPermission(permission: string, origin = 'app://renderer'): boolean {
    return fake.permissionCheckHandler ? fake.permissionCheckHandler(null, permission, origin, {}) : true;
  },

  /** A request on a custom scheme, answered by what `protocol.handle` registered for it. */
  async request(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = fake.schemeHandlers.get(scheme);
    if (!handler) throw new Error(`No handler for the ${scheme}: scheme`);
    return handler(new Request(url, init));
  },

  /** Back to a fresh, packaged app: no windows, handlers, listeners or recorded calls. */
  reset(): void {
    for (const spy of spies) spy.mockReset();
    for (const emitter of [app, ipcMain, powerMonitor]) emitter.removeAllListeners();
    app.isPackaged = true;
    Object.assign(fake, {
      singleInstanceLock: true,
      encryptionAvailable: true,
      notificationsSupported: true,
      quitting: false,
      hasQuit: false,
      badgeCount: 0,
      clipboardText: '',
      windows: [],
      notifications: [],
      trays: [],
      privilegedSchemes: [],
      permissionRequestHandler: null,
      permissionCheckHandler: null,
    });
    fake.ipcHandlers.clear();
    fake.schemeHandlers.clear();
  },
};
