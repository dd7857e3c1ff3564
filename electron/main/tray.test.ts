import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Language } from '../../shared/ipc/settings';

vi.mock('electron', () => import('./testing/fake-electron'));
const { app, fake } = await import('./testing/fake-electron');
const { AppTray } = await import('./tray');

describe('main: tray icon', () => {
  const showWindow = vi.fn();
  const quit = vi.fn();
  let language: Language = 'en';
  beforeEach(() => {
    language = 'en';
    fake.reset();
    showWindow.mockClear();
    quit.mockClear();
  });

  it('shows the counts in its tooltip, its menu and the badge, and follows them', () => {
    const tray = new AppTray(showWindow, quit, () => language);
    tray.create();
    const icon = fake.tray()!;
    expect(icon.tooltip).toBe('ZapDesk: 0 unread · 0 expiring soon');

    tray.update({ unread: 3, expiring: 1 });
    expect(icon.tooltip).toBe('ZapDesk: 3 unread · 1 expiring soon');
    expect(icon.menu!.items[0]).toMatchObject({ label: '3 unread · 1 expiring soon', enabled: false });
    expect(fake.badgeCount).toBe(3);

    tray.update({ unread: 0, expiring: 2 });
    expect(icon.tooltip).toBe('ZapDesk: 0 unread · 2 expiring soon');
    expect(fake.badgeCount).toBe(0);
  });

  it("speaks the user's language, with its plural forms", () => {
    language = 'pt-BR';
    const tray = new AppTray(showWindow, quit, () => language);
    tray.create();
    tray.update({ unread: 1, expiring: 2 });
    expect(fake.tray()!.tooltip).toBe('ZapDesk: 1 não lida · 2 vencendo em breve');
    tray.update({ unread: 3, expiring: 1 });
    expect(fake.tray()!.menu!.items[0]).toMatchObject({ label: '3 não lidas · 1 vencendo em breve' });
    fake.tray()!.menu!.click('Sair');
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('counts that came while there was no icon show once it is created', () => {
    const tray = new AppTray(showWindow, quit, () => language);
    tray.update({ unread: 5, expiring: 0 });
    expect(fake.tray()).toBeNull();
    tray.create();
    expect(fake.tray()!.tooltip).toBe('ZapDesk: 5 unread · 0 expiring soon');
  });

  it('a click on the icon or on Open ZapDesk shows the window; Quit quits', () => {
    const tray = new AppTray(showWindow, quit, () => language);
    tray.create();
    const icon = fake.tray()!;
    icon.click();
    expect(showWindow).toHaveBeenCalledTimes(1);
    icon.menu!.click('Open ZapDesk');
    expect(showWindow).toHaveBeenCalledTimes(2);
    expect(quit).not.toHaveBeenCalled();
    icon.menu!.click('Quit');
    expect(quit).toHaveBeenCalledTimes(1);
  });

  it('is one icon however often it is created; destroyed, it is gone until created again', () => {
    const tray = new AppTray(showWindow, quit, () => language);
    tray.create();
    tray.create();
    expect(fake.trays).toHaveLength(1);
    tray.destroy();
    expect(fake.tray()).toBeNull();
    tray.update({ unread: 1, expiring: 0 }); // no icon to update: nothing breaks
    tray.create();
    expect(fake.trays).toHaveLength(2);
    expect(fake.tray()!.tooltip).toBe('ZapDesk: 1 unread · 0 expiring soon');
  });

  it('uses the icon shipped beside app.asar when installed, resources/ in a checkout, at 16 px', () => {
    new AppTray(showWindow, quit, () => language).create();
    expect(fake.tray()!.image.path).toBe(join(fake.resourcesPath, 'icon.png'));
    expect(fake.tray()!.image.getSize()).toEqual({ width: 16, height: 16 });
    fake.reset();
    app.isPackaged = false;
    new AppTray(showWindow, quit, () => language).create();
    expect(fake.tray()!.image.path).toBe(join(fake.appPath, 'resources/icon.png'));
  });
});
