/** Issue 13, the server's side of sign-in and transport limits. */
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from './harness';

describeOnEachDatabase('sign-in and request limits', (h) => {
  it('keeps an account locked after too many wrong passwords, whatever the spelling of its e-mail', async () => {
    const login = (email: string, password: string) => h.api('/api/v1/auth/login', { body: { email, password } });
    for (let i = 0; i < 10; i++) expect((await login('agent2@demo.test', `wrong-${i}`)).status).toBe(401);
    for (const spelling of ['agent2@demo.test', '   agent2@demo.test', 'AGENT2@Demo.Test ', '\tagent2@demo.test']) {
      const attempt = await login(spelling, 'demo-password');
      expect(attempt.status, spelling).toBe(429);
      expect(attempt.body.code).toBe('RATE_LIMITED');
    }
    // Another account is not locked by it.
    expect((await login('agent@demo.test', 'demo-password')).status).toBe(200);
  });

  it('stops an access token at once when its session signs out', async () => {
    const { body: pair } = await h.api('/api/v1/auth/login', { body: { email: 'operator@demo.test', password: 'demo-password' } });
    const other = (await h.api('/api/v1/auth/login', { body: { email: 'operator@demo.test', password: 'demo-password' } })).body;
    expect((await h.api('/api/v1/me', { token: pair.accessToken })).status).toBe(200);
    expect((await h.api('/api/v1/auth/logout', { body: { refreshToken: pair.refreshToken } })).status).toBe(204);
    const after = await h.api('/api/v1/me', { token: pair.accessToken });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    // The same user's other session goes on.
    expect((await h.api('/api/v1/me', { token: other.accessToken })).status).toBe(200);
    // A refreshed session keeps working with its new token; the reused old refresh token ends it.
    const rotated = (await h.api('/api/v1/auth/refresh', { body: { refreshToken: other.refreshToken } })).body;
    expect((await h.api('/api/v1/me', { token: rotated.accessToken })).status).toBe(200);
    expect((await h.api('/api/v1/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(401);
    expect((await h.api('/api/v1/me', { token: rotated.accessToken })).status).toBe(401);
  });

  it('answers an oversized body with 413 and oversized headers with 431, both as problem+json', async () => {
    const big = await h.api('/api/v1/auth/login', { body: { email: 'agent@demo.test', password: 'x'.repeat(2 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const headers = await fetch(`${h.url}/api/v1/health`, { headers: { 'x-padding': 'y'.repeat(20 * 1024) } });
    expect(headers.status).toBe(431);
    expect(headers.headers.get('content-type')).toContain('application/problem+json');
    expect(((await headers.json()) as { code: string }).code).toBe('HEADERS_TOO_LARGE');
  });
});
