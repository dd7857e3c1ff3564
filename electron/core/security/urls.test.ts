import { describe, expect, it } from 'vitest';
import { isTrustedLinkOrigin } from '../../../shared/ipc/settings';
import { isOpenableExternalUrl, linkDecision, serverUrlProblem } from './urls';

describe('server addresses', () => {
  it('takes https anywhere and http only on this computer', () => {
    for (const ok of ['https://helpdesk.example.com', 'https://10.0.0.5:4010', 'http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010']) {
      expect(serverUrlProblem(ok), ok).toBeNull();
    }
    for (const bad of ['http://helpdesk.example.com', 'http://10.0.0.5:4010', 'http://127.0.0.1.attacker.test', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://x', 'nonsense', '']) {
      expect(serverUrlProblem(bad), bad).not.toBeNull();
    }
  });

  it('takes http to another computer only when IT policy allows it, and never credentials', () => {
    expect(serverUrlProblem('http://10.0.0.5:4010', true)).toBeNull();
    expect(serverUrlProblem('javascript:alert(1)', true)).not.toBeNull();
    expect(serverUrlProblem('https://user:pw@helpdesk.example.com')).toMatch(/password/);
    expect(serverUrlProblem('http://user@127.0.0.1:4010', true)).toMatch(/password/);
  });
});

describe('links for the system browser', () => {
  it('opens https and mailto links only', () => {
    expect(isOpenableExternalUrl('https://www.whatsapp.com/legal')).toBe(true);
    expect(isOpenableExternalUrl('mailto:support@example.com?subject=Hi')).toBe(true);
    for (const bad of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'zapdesk-media://media/x', 'tel:+34600', 'https://user:pw@example.com', 'https://user@example.com', 'mailto:a@b.c%0ABcc:x@y.z', `https://example.com/${'a'.repeat(3000)}`, 'not a url']) {
      expect(isOpenableExternalUrl(bad), bad).toBe(false);
    }
  });
});

describe('which links open at once, which ask first', () => {
  const trusted = ['https://docs.example.com', 'https://*.partner.test', 'https://shop.example.net:8443', 'https://xn--pple-43d.com'];
  const decide = (url: string, serverUrl: string | null = 'https://helpdesk.example.com/base') => linkDecision(url, { trusted, serverUrl });

  it('refuses what may not leave the app, and opens mailto without asking', () => {
    for (const bad of ['http://docs.example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'https://user:pw@docs.example.com', 'https://docs.example.com@evil.test', 'nonsense']) {
      expect(decide(bad), bad).toBe('refuse');
    }
    expect(decide('mailto:help@example.com')).toBe('open');
  });

  it('opens the signed-in server and trusted origins, compared as the URL parser writes them', () => {
    expect(decide('https://helpdesk.example.com/api/v1/attachments/1')).toBe('open');
    expect(decide('https://HelpDesk.Example.COM:443/x')).toBe('open'); // case and the default port do not matter
    expect(decide('https://helpdesk.example.com/', null)).toBe('confirm'); // signed out: no server origin
    expect(decide('https://helpdesk.example.com:8443/')).toBe('confirm'); // another port is another origin
    expect(decide('https://docs.example.com/guide?q=1#top')).toBe('open');
    expect(decide('https://DOCS.example.com')).toBe('open');
    expect(decide('https://shop.example.net:8443/cart')).toBe('open');
    expect(decide('https://shop.example.net/cart')).toBe('confirm');
  });

  it('a wildcard covers subdomains only, not the name itself or a look-alike', () => {
    expect(decide('https://a.partner.test')).toBe('open');
    expect(decide('https://a.b.partner.test/x')).toBe('open');
    expect(decide('https://partner.test')).toBe('confirm');
    expect(decide('https://evil-partner.test')).toBe('confirm');
    expect(decide('https://a.partner.test.evil.test')).toBe('confirm');
    expect(decide('https://a.partner.test:8443')).toBe('confirm');
  });

  it('asks about look-alikes: other hosts, user-info tricks, homographs', () => {
    for (const url of [
      'https://docs.example.com.evil.test/',
      'https://evil.test/docs.example.com',
      'https://evil.test\\@docs.example.com', // the parser reads evil.test as the host
      'https://evil.test?https://docs.example.com',
      'https://docs.example.com./', // a trailing dot is another host to the parser
      'https://xn--pple-43d.com.evil.test',
      'https://apple.com',
    ]) {
      expect(decide(url), url).toBe('confirm');
    }
    // A Cyrillic "а" in apple.com is its punycode name, which is what the user trusted here.
    expect(decide('https://аpple.com/')).toBe('open');
    expect(linkDecision('https://аpple.com/', { trusted: ['https://apple.com'], serverUrl: null })).toBe('confirm');
    expect(new URL('https://аpple.com/').href).toBe('https://xn--pple-43d.com/');
  });

  it('ignores trusted entries that are not https origins', () => {
    expect(linkDecision('https://docs.example.com', { trusted: ['http://docs.example.com', 'docs.example.com', '*'], serverUrl: 'http://docs.example.com' })).toBe('confirm');
  });
});

describe('trusted origin entries (the setting\'s schema)', () => {
  it('takes an origin exactly as the URL parser writes it, or a wildcard of a name with two labels or more', () => {
    const good = ['https://example.com', 'https://a.example.com:8443', 'https://*.example.com', 'https://*.xn--pple-43d.com', 'https://10.0.0.5', 'https://[::1]:4010', 'https://intranet'];
    for (const entry of good) {
      expect(isTrustedLinkOrigin(entry), entry).toBe(true);
      expect(new URL(entry).origin, entry).toBe(entry); // already canonical: the parser changes nothing
    }
    const bad = ['http://example.com', 'https://Example.com', 'https://example.com/', 'https://example.com/path', 'https://example.com:443', 'https://example.com:65536', 'https://*.com', 'https://*', 'https://*.*.example.com', 'https://a.*.example.com', 'https://аpple.com', 'https://user@example.com', 'https://01.2.3.4', 'https://a.0x7f', 'https://1.2.3.256', 'example.com', ''];
    for (const entry of bad) expect(isTrustedLinkOrigin(entry), entry).toBe(false);
  });
});
