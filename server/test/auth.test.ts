import { expect, it } from 'vitest';
import { describeOnEachDatabase } from './harness';

describeOnEachDatabase('auth', (h) => {
  it('signs a demo user in with a token pair and the user, role included', async () => {
    const { status, body } = await h.api('/api/v1/auth/login', { body: { email: 'agent@demo.test', password: 'demo-password' } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ expiresIn: 900, user: { email: 'agent@demo.test', role: 'agent' } });
    expect(typeof body.accessToken).toBe('string');
    const me = await h.api('/api/v1/me', { token: body.accessToken });
    expect(me.body).toMatchObject({ email: 'agent@demo.test', role: 'agent' });
  });

  it('gives the same INVALID_CREDENTIALS for a wrong password and an unknown e-mail', async () => {
    const wrong = await h.api('/api/v1/auth/login', { body: { email: 'agent@demo.test', password: 'nope' } });
    const unknown = await h.api('/api/v1/auth/login', { body: { email: 'ghost@demo.test', password: 'nope' } });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.code).toBe('INVALID_CREDENTIALS');
    }
  });

  it('refuses a malformed body with VALIDATION_FAILED naming the fields', async () => {
    const { status, body } = await h.api('/api/v1/auth/login', { body: { email: 'not-an-email' } });
    expect(status).toBe(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'password']);
    const notJson = await h.api('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
  });

  it('answers 401 UNAUTHENTICATED without a token or with a forged one', async () => {
    expect((await h.api('/api/v1/me')).body.code).toBe('UNAUTHENTICATED');
    const forged = await h.api('/api/v1/me', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluaXN0cmF0b3IifQ.x' });
    expect(forged.status).toBe(401);
  });

  it('rotates refresh tokens and treats reuse of an old one as theft', async () => {
    const first = (await h.api('/api/v1/auth/login', { body: { email: 'operator@demo.test', password: 'demo-password' } })).body;
    const second = await h.api('/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    // The first token was revoked by the rotation: presenting it again revokes the whole family.
    const reuse = await h.api('/api/v1/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('SESSION_EXPIRED');
    const afterTheft = await h.api('/api/v1/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
    expect(afterTheft.body.code).toBe('SESSION_EXPIRED');
  });

  it('revokes the refresh token on logout', async () => {
    const pair = (await h.api('/api/v1/auth/login', { body: { email: 'agent2@demo.test', password: 'demo-password' } })).body;
    expect((await h.api('/api/v1/auth/logout', { body: { refreshToken: pair.refreshToken } })).status).toBe(204);
    expect((await h.api('/api/v1/auth/refresh', { body: { refreshToken: pair.refreshToken } })).body.code).toBe('SESSION_EXPIRED');
  });

  it('expires access tokens with the server clock', async () => {
    const token = await h.login('supervisor@demo.test');
    const admin = await h.login('admin@demo.test');
    await h.api('/api/v1/sandbox/clock', { token: admin, body: { advanceSeconds: 16 * 60 } });
    expect((await h.api('/api/v1/me', { token })).body.code).toBe('UNAUTHENTICATED');
  });
});

describeOnEachDatabase(
  'login rate limit',
  (h) => {
    it('answers 429 RATE_LIMITED with Retry-After after too many attempts for one account', async () => {
      const attempt = () => h.api('/api/v1/auth/login', { body: { email: 'agent@demo.test', password: 'wrong' } });
      expect((await attempt()).status).toBe(401);
      expect((await attempt()).status).toBe(401);
      const limited = await attempt();
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another account from the same address is not locked out.
      expect((await h.api('/api/v1/auth/login', { body: { email: 'agent2@demo.test', password: 'demo-password' } })).status).toBe(200);
    });
  },
  { loginRateLimit: { max: 2, timeWindowMs: 60_000 } },
);
