import { join } from 'node:path';
import { app, Menu, nativeImage, Tray } from 'electron';
import { translate, translateCount } from '../../shared/i18n';
import type { Language } from '../../shared/ipc/settings';
import type { AttentionCounts } from '../core/ports';

/** Installed: beside app.asar (electron-builder extraResources); from a checkout: resources/. */
const icon = () => (app.isPackaged ? join(process.resourcesPath, 'icon.png') : join(app.getAppPath(), 'resources/icon.png'));

/** The tray icon: counts in its tooltip and menu, a click shows the window. */
export class AppTray {
  private tray: Tray | null = null;
  private counts: AttentionCounts = { unread: 0, expiring: 0 };

  constructor(
    private readonly showWindow: () => void,
    private readonly quit: () => void,
    /** The user's language, asked at each render. */
    private readonly language: () => Language,
  ) {}

  create(): void {
    if (this.tray) return;
    this.tray = new Tray(nativeImage.createFromPath(icon()).resize({ width: 16, height: 16 }));
    this.tray.on('click', () => this.showWindow());
    this.render();
  }

  update(counts: AttentionCounts): void {
    this.counts = counts;
    this.render();
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }

  private render(): void {
    if (!this.tray) return;
    const { unread, expiring } = this.counts;
    const language = this.language();
    const summary = `${translateCount(language, 'inbox.unread', unread)} · ${translateCount(language, 'tray.expiring', expiring)}`;
    this.tray.setToolTip(`ZapDesk: ${summary}`);
    if (process.platform === 'darwin') this.tray.setTitle(unread + expiring > 0 ? String(unread + expiring) : '');
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: summary, enabled: false },
        { type: 'separator' },
        { label: translate(language, 'tray.open'), click: () => this.showWindow() },
        { label: translate(language, 'tray.quit'), click: () => this.quit() },
      ]),
    );
    app.setBadgeCount?.(unread);
  }
}
