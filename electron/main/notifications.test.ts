import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DesktopNotification } from '../../shared/ipc/notifications';

vi.mock('electron', () => import('./testing/fake-electron'));
const { BrowserWindow, fake } = await import('./testing/fake-electron');
const { NotificationService } = await import('./notifications');

function notification(id: string, conversationId: string | null, extra: Partial<DesktopNotification> = {}): DesktopNotification {
  return {
    id,
    kind: 'customer_replied',
    title: 'Maria Souza',
    body: 'Is my order on its way?',
    conversationId,
    urgency: 'normal',
    silent: false,
    createdAt: '2026-12-02T10:00:00.000Z',
    ...extra,
  };
}

describe('main: native notifications', () => {
  let window: InstanceType<typeof BrowserWindow> | null;
  const opened: string[] = [];
  const service = () => new NotificationService(() => window as never, (conversationId) => opened.push(conversationId));

  beforeEach(() => {
    fake.reset();
    opened.length = 0;
    window = new BrowserWindow({ show: false });
  });

  it('a click brings the window forward (restored, shown, focused) and opens the conversation', () => {
    const notifications = service();
    window!.show();
    window!.minimize();
    notifications.show(notification('n1', 'c42'));
    const shown = fake.notifications[0]!;
    expect(shown.shown).toBe(true);
    expect(shown.options).toMatchObject({ title: 'Maria Souza', body: 'Is my order on its way?', silent: false });
    expect(opened).toEqual([]);

    shown.click();
    expect(window!.isMinimized()).toBe(false);
    expect(window!.isVisible()).toBe(true);
    expect(window!.isFocused()).toBe(true);
    expect(opened).toEqual(['c42']);
  });

  it('a click on a window hidden in the tray shows it; a notification about no conversation opens none', () => {
    const notifications = service();
    notifications.show(notification('n1', null, { kind: 'summary' }));
    fake.notifications[0]!.click();
    expect(window!.isVisible()).toBe(true);
    expect(window!.isFocused()).toBe(true);
    expect(opened).toEqual([]);
  });

  it('a newer word on a conversation replaces the older notification; other conversations keep theirs', () => {
    const notifications = service();
    notifications.show(notification('n1', 'c1', { kind: 'window_expiring' }));
    notifications.show(notification('n2', 'c2'));
    notifications.show(notification('n3', 'c1'));
    const [first, second, third] = fake.notifications;
    expect(first!.closed).toBe(true);
    expect(second!.closed).toBe(false);
    expect(third!.shown && !third!.closed).toBe(true);

    notifications.closeAll(); // quitting: nothing stays on screen
    expect(fake.notifications.every((n) => n.closed)).toBe(true);
  });

  it('a critical one stays on screen until dealt with; a normal one times out as the system does', () => {
    const notifications = service();
    notifications.show(notification('n1', 'c1', { urgency: 'critical', kind: 'auto_close_soon' }));
    notifications.show(notification('n2', 'c2'));
    expect(fake.notifications[0]!.options).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
    expect(fake.notifications[1]!.options).toMatchObject({ urgency: 'normal', timeoutType: 'default' });
  });

  it('flashes the taskbar while the window is not focused, not while the agent is looking at it', () => {
    const notifications = service();
    window!.show();
    notifications.show(notification('n1', 'c1'));
    expect(window!.flashing).toBe(false);
    window!.blur();
    notifications.show(notification('n2', 'c2'));
    expect(window!.flashing).toBe(true);
  });

  it('shows nothing where the system has no notifications', () => {
    fake.notificationsSupported = false;
    service().show(notification('n1', 'c1'));
    expect(fake.notifications).toEqual([]);
  });
});
