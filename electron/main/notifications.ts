import { app, Notification, type BrowserWindow } from 'electron';
import type { DesktopNotification } from '../../shared/ipc/notifications';

/**
 * Native notifications. Live ones are kept in a map until clicked or closed, or the OS would
 * garbage-collect them and their click would be lost (electron/electron#16922). A click brings
 * the window forward on the conversation.
 */
export class NotificationService {
  private readonly live = new Map<string, { notification: Notification; conversationId: string | null }>();

  constructor(
    private readonly window: () => BrowserWindow | null,
    private readonly openConversation: (conversationId: string) => void,
  ) {}

  show(input: DesktopNotification): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({
      title: input.title,
      body: input.body,
      silent: input.silent,
      urgency: input.urgency === 'critical' ? 'critical' : 'normal',
      timeoutType: input.urgency === 'critical' ? 'never' : 'default',
    });
    // A newer word on the same conversation replaces the older one ("replied" after "no reply yet").
    for (const [id, old] of this.live) {
      if (input.conversationId && old.conversationId === input.conversationId) {
        this.live.delete(id);
        old.notification.close();
      }
    }
    this.live.set(input.id, { notification, conversationId: input.conversationId });
    const forget = () => this.live.delete(input.id);
    notification.on('click', () => {
      forget();
      const window = this.window();
      if (window) {
        if (window.isMinimized()) window.restore();
        window.show();
        window.focus();
      }
      if (input.conversationId) this.openConversation(input.conversationId);
    });
    notification.on('close', forget);
    notification.on('failed', forget);
    notification.show();
    this.drawAttention(input.urgency === 'critical');
  }

  closeAll(): void {
    for (const { notification } of this.live.values()) notification.close();
    this.live.clear();
  }

  /** Taskbar flash (Windows, Linux) or dock bounce (macOS) while the window is not focused. */
  private drawAttention(critical: boolean): void {
    const window = this.window();
    if (window?.isFocused()) return;
    if (process.platform === 'darwin') app.dock?.bounce(critical ? 'critical' : 'informational');
    else window?.flashFrame(true);
  }
}
