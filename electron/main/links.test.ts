import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageBoxOptions } from 'electron';
import type { Settings } from '../../shared/ipc/settings';

vi.mock('electron', () => import('./testing/fake-electron'));
const { clipboard, dialog, fake, shell } = await import('./testing/fake-electron');

const { createMainWindow } = await import('./window');
const { LinkOpener } = await import('./links');
const { createDesktopCore } = await import('../core/core');
const { MemorySecureStore, MemoryStore } = await import('../core/ports');

const OPEN = { response: 0, checkboxChecked: false };
const COPY = { response: 1, checkboxChecked: false };

/** The main window with the real core (a Portuguese system, no IT policy unless given) behind its link opener. */
function setUp(policy?: Partial<Settings>) {
  const core = createDesktopCore({
    secureStore: new MemorySecureStore(),
    settingsStore: new MemoryStore(),
    policy,
    appInfo: { version: '1.0.0', platform: 'linux', host: 'electron', systemLocale: 'pt-BR' },
    emit: () => undefined,
    notify: () => undefined,
    log: { warn: () => undefined, error: () => undefined },
  });
  const pending: Promise<void>[] = [];
  const links = new LinkOpener(core, () => window);
  const window = createMainWindow(false, (url) => pending.push(links.open(url)));
  /** A link the page opens in a new window (target=_blank, window.open), once main has dealt with it. */
  const click = async (url: string) => {
    expect(fake.windows[0]!.webContents.openWindow(url), url).toEqual({ action: 'deny' });
    await Promise.all(pending.splice(0));
  };
  const dialogOptions = () => dialog.showMessageBox.mock.calls.map((args) => args.at(-1) as MessageBoxOptions);
  return { core, window, click, dialogOptions };
}

describe('main: links leaving the app', () => {
  let warn: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    fake.reset(); // the user cancels the dialog unless a test says otherwise
    warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('opens mailto and trusted https links at once, without a dialog', async () => {
    const { core, click } = setUp();
    core.settings.update({ trustedLinkOrigins: ['https://docs.example.com', 'https://*.partner.test'] });
    await click('https://DOCS.example.com:443/guide?q=1');
    await click('https://shop.partner.test/order/7');
    await click('mailto:help@example.com');
    expect(shell.openExternal.mock.calls.map(([url]) => url)).toEqual(['https://docs.example.com/guide?q=1', 'https://shop.partner.test/order/7', 'mailto:help@example.com']);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('asks about any other https link in a dialog modal to the window, in the user’s language, and opens it only on Open', async () => {
    const { window, click, dialogOptions } = setUp();
    await click('https://аpple.com/login');
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(dialog.showMessageBox.mock.calls[0]![0]).toBe(window);
    const options = dialogOptions()[0]!;
    expect(options).toMatchObject({
      message: 'Abrir um link fora do ZapDesk?',
      buttons: ['Abrir', 'Copiar link', 'Cancelar'],
      defaultId: 2,
      cancelId: 2,
      checkboxLabel: 'Sempre abrir links para https://xn--pple-43d.com',
      checkboxChecked: false,
    });
    // The whole URL as the parser reads it: the Cyrillic "а" shows as punycode.
    expect(options.detail).toContain('https://xn--pple-43d.com/login');
    expect(shell.openExternal).not.toHaveBeenCalled(); // Cancel

    dialog.showMessageBox.mockResolvedValueOnce(OPEN);
    await click('https://аpple.com/login');
    expect(shell.openExternal.mock.calls).toEqual([['https://xn--pple-43d.com/login']]);
    expect(clipboard.writeText).not.toHaveBeenCalled();
  });

  it('speaks the language the user chose over the system’s', async () => {
    const { core, click, dialogOptions } = setUp();
    core.settings.update({ language: 'es' });
    await click('https://example.com/');
    expect(dialogOptions()[0]).toMatchObject({ message: '¿Abrir un enlace fuera de ZapDesk?', buttons: ['Abrir', 'Copiar enlace', 'Cancelar'] });
  });

  it('Copy link puts the URL on the clipboard and opens nothing', async () => {
    const { click } = setUp();
    dialog.showMessageBox.mockResolvedValueOnce({ response: 1, checkboxChecked: true });
    await click('https://example.com/a path?x=1#y');
    expect(clipboard.writeText.mock.calls).toEqual([['https://example.com/a%20path?x=1#y']]);
    expect(shell.openExternal).not.toHaveBeenCalled();
    dialog.showMessageBox.mockResolvedValueOnce(COPY);
    await click('https://example.com/');
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('the checkbox trusts the origin: stored in trustedLinkOrigins, and the next link there opens directly', async () => {
    const { core, click } = setUp();
    dialog.showMessageBox.mockResolvedValueOnce({ response: 2, checkboxChecked: true }); // ticked, then Cancel: nothing stored
    await click('https://help.vendor.test:8443/faq');
    expect(core.settings.get().trustedLinkOrigins).toEqual([]);
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: true });
    await click('https://help.vendor.test:8443/faq');
    expect(core.settings.get().trustedLinkOrigins).toEqual(['https://help.vendor.test:8443']);
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(2);

    await click('https://help.vendor.test:8443/other');
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(2);
    expect(shell.openExternal.mock.calls).toEqual([['https://help.vendor.test:8443/faq'], ['https://help.vendor.test:8443/other']]);
    await click('https://help.vendor.test/other'); // another port, another origin: asks again
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(3);
  });

  it('offers no checkbox when IT policy sets the list, and opens what the policy trusts', async () => {
    const { core, click, dialogOptions } = setUp({ trustedLinkOrigins: ['https://*.intranet.example'] });
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: true });
    await click('https://example.com/');
    expect(dialogOptions()[0]).not.toHaveProperty('checkboxLabel');
    expect(core.settings.get().trustedLinkOrigins).toEqual(['https://*.intranet.example']);
    await click('https://wiki.intranet.example/page');
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    expect(shell.openExternal.mock.calls).toEqual([['https://example.com/'], ['https://wiki.intranet.example/page']]);
  });

  it('refuses other schemes and odd forms before any dialog or shell.openExternal, and logs no URL', async () => {
    const { core, click } = setUp();
    core.settings.update({ trustedLinkOrigins: ['https://example.com'] });
    const refused = ['http://example.com/', 'javascript:alert(1)', 'file:///etc/passwd', 'smb://host/share', 'ms-msdt:/id', 'zapdesk-media://media/x', 'https://user:pw@example.com/', 'https://example.com@evil.test/', 'not a url'];
    for (const url of refused) await click(url);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(refused.length);
    const logged = warn.mock.calls.flat().map(String).join('\n');
    for (const url of refused) expect(logged).not.toContain(url);
  });

  it('a link the system cannot open is logged without its URL, and never rejects', async () => {
    const { core, click } = setUp();
    core.settings.update({ trustedLinkOrigins: ['https://example.com'] });
    shell.openExternal.mockRejectedValueOnce(new Error('no handler for https://example.com/secret-token'));
    await click('https://example.com/secret-token');
    expect(warn.mock.calls.flat().map(String).join('\n')).not.toContain('secret-token');
  });
});
