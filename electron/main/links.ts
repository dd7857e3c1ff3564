import { clipboard, dialog, shell, type BrowserWindow, type MessageBoxOptions, type MessageBoxReturnValue } from 'electron';
import { translate } from '../../shared/i18n';
import { Settings } from '../../shared/ipc/settings';
import type { DesktopCore } from '../core/core';

/** What of the core the link opener uses: its decision, the user's language and the settings service. */
export type LinkCore = Pick<DesktopCore, 'linkDecision' | 'language' | 'settings'>;

const OPEN = 0;
const COPY = 1;
const CANCEL = 2;

/**
 * Links leaving the app (the window's open handler): the core decides; trusted ones and mailto
 * open at once, others only after the user confirms in a dialog modal to the window, which shows
 * the whole parsed URL (punycode and all) and can add its origin to `trustedLinkOrigins`.
 */
export class LinkOpener {
  constructor(
    private readonly core: LinkCore,
    private readonly window: () => BrowserWindow | null,
  ) {}

  /** Never rejects: a link that cannot be opened is logged (without its URL) and dropped. */
  async open(text: string): Promise<void> {
    try {
      await this.handle(text);
    } catch {
      console.warn('[main] a link could not be opened'); // the error may quote the URL
    }
  }

  private async handle(text: string): Promise<void> {
    const decision = this.core.linkDecision(text);
    if (decision === 'refuse') {
      console.warn('[main] refused to open a link with an unexpected scheme or form');
      return;
    }
    const url = new URL(text);
    if (decision === 'open') return shell.openExternal(url.href);
    const answer = await this.ask(url);
    if (answer.response === COPY) clipboard.writeText(url.href);
    if (answer.response !== OPEN) return;
    if (answer.checkboxChecked) this.trust(url.origin);
    await shell.openExternal(url.href);
  }

  private ask(url: URL): Promise<MessageBoxReturnValue> {
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(this.core.language(), key, params);
    const options: MessageBoxOptions = {
      type: 'warning',
      title: t('links.confirmTitle'),
      message: t('links.confirmMessage'),
      detail: t('links.confirmDetail', { url: url.href }),
      buttons: [t('links.open'), t('links.copy'), t('links.cancel')],
      defaultId: CANCEL,
      cancelId: CANCEL,
      noLink: true,
      ...(this.canTrust(url.origin) ? { checkboxLabel: t('links.always', { origin: url.origin }), checkboxChecked: false } : {}),
    };
    const window = this.window();
    return window && !window.isDestroyed() ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
  }

  /** Not when IT policy sets the list, when it is full, or for an origin the setting cannot hold. */
  private canTrust(origin: string): boolean {
    const { values, managed } = this.core.settings.view();
    return !managed.includes('trustedLinkOrigins') && Settings.shape.trustedLinkOrigins.safeParse([...values.trustedLinkOrigins, origin]).success;
  }

  private trust(origin: string): void {
    try {
      const trusted = this.core.settings.get().trustedLinkOrigins;
      if (!trusted.includes(origin)) this.core.settings.update({ trustedLinkOrigins: [...trusted, origin] });
    } catch (error) {
      console.warn('[main] link origin not added to trustedLinkOrigins', error instanceof Error ? error.message : error);
    }
  }
}
