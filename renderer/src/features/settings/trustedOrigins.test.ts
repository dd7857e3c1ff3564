import { describe, expect, it } from 'vitest';
import { trustedOriginFrom, withTrustedOrigin } from './trustedOrigins';

describe('a site typed into the trusted links list', () => {
  it('becomes the origin the URL parser writes', () => {
    expect(trustedOriginFrom('  https://Docs.Example.com/ ')).toBe('https://docs.example.com');
    expect(trustedOriginFrom('docs.example.com')).toBe('https://docs.example.com');
    expect(trustedOriginFrom('https://docs.example.com:443')).toBe('https://docs.example.com');
    expect(trustedOriginFrom('docs.example.com:8443')).toBe('https://docs.example.com:8443');
    expect(trustedOriginFrom('*.Example.com')).toBe('https://*.example.com');
    expect(trustedOriginFrom('https://аpple.com')).toBe('https://xn--pple-43d.com');
  });

  it('is refused when it is not an https site alone', () => {
    for (const bad of ['', '   ', 'http://docs.example.com', 'https://docs.example.com/path', 'https://docs.example.com/?q=1', 'https://docs.example.com/#x', 'https://user@docs.example.com', 'https://*.com', '*', 'mailto:a@b.c', 'ftp://docs.example.com', 'https://exa mple.com']) {
      expect(trustedOriginFrom(bad), bad).toBeNull();
    }
  });

  it('is added once, and not past 50 sites', () => {
    expect(withTrustedOrigin(['https://a.example'], 'https://b.example')).toEqual(['https://a.example', 'https://b.example']);
    expect(withTrustedOrigin(['https://a.example'], 'https://a.example')).toEqual(['https://a.example']);
    const fifty = Array.from({ length: 50 }, (_, i) => `https://s${i}.example`);
    expect(withTrustedOrigin(fifty, 'https://more.example')).toBeNull();
    expect(withTrustedOrigin(fifty, 'https://s3.example')).toEqual(fifty);
  });
});
