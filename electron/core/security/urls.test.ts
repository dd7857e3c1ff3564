import { describe, expect, it } from 'vitest';
import { isOpenableExternalUrl, serverUrlProblem } from './urls';

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
