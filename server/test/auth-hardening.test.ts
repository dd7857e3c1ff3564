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

  it('ends every session of a deactivated user at once and lets nobody sign in as them until reactivated', async () => {
    const login = (email: string, password = 'demo-password') => h.api('/api/v1/auth/login', { body: { email, password } });
    const admin = (await login('admin@demo.test')).body;
    const agent = (await login('agent@demo.test')).body;
    const agentId = agent.user.id;
    const stream = await fetch(`${h.url}/api/v1/events`, { headers: { authorization: `Bearer ${agent.accessToken}` } });
    expect(stream.status).toBe(200);

    // Only administrators manage accounts.
    const operator = (await login('operator@demo.test')).body;
    const refused = await h.api(`/api/v1/admin/users/${agentId}/deactivate`, { method: 'POST', token: operator.accessToken });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
    const before = await h.api('/api/v1/admin/users', { token: admin.accessToken });
    expect(before.body.items.find((u: { id: string }) => u.id === agentId)).toMatchObject({ email: 'agent@demo.test', deactivatedAt: null });

    const off = await h.api(`/api/v1/admin/users/${agentId}/deactivate`, { method: 'POST', token: admin.accessToken });
    expect(off.status).toBe(200);
    expect(off.body.deactivatedAt).toEqual(expect.any(String));

    const me = await h.api('/api/v1/me', { token: agent.accessToken });
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('UNAUTHENTICATED');
    const refresh = await h.api('/api/v1/auth/refresh', { body: { refreshToken: agent.refreshToken } });
    expect(refresh.status).toBe(401);
    expect(refresh.body.code).toBe('SESSION_EXPIRED');
    // The right password is told why; a wrong one learns nothing about the account.
    expect((await login('agent@demo.test')).body.code).toBe('ACCOUNT_DEACTIVATED');
    expect((await login(' Agent@demo.test')).status).toBe(403);
    expect((await login('agent@demo.test', 'wrong-password')).body.code).toBe('INVALID_CREDENTIALS');
    // The open event stream ends too (checked every few seconds).
    const reader = stream.body!.getReader();
    for (;;) if ((await reader.read()).done) break;

    // Listed last, still named in history; nobody can assign it work.
    const after = await h.api('/api/v1/admin/users', { token: admin.accessToken });
    expect(after.body.items.at(-1)).toMatchObject({ id: agentId, deactivatedAt: off.body.deactivatedAt });

    const self = await h.api(`/api/v1/admin/users/${admin.user.id}/deactivate`, { method: 'POST', token: admin.accessToken });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('CANNOT_DEACTIVATE_SELF');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      expect((await h.api(`/api/v1/admin/users/${id}/deactivate`, { method: 'POST', token: admin.accessToken })).status).toBe(404);
    }

    const on = await h.api(`/api/v1/admin/users/${agentId}/reactivate`, { method: 'POST', token: admin.accessToken });
    expect(on.body.deactivatedAt).toBeNull();
    const again = await login('agent@demo.test');
    expect(again.status).toBe(200);
    expect((await h.api('/api/v1/me', { token: again.body.accessToken })).status).toBe(200);
    // The sessions it had before stay ended.
    expect((await h.api('/api/v1/me', { token: agent.accessToken })).status).toBe(401);
  }, 30_000);

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
