import { TokenPair, type User } from '../../../shared/api/schemas';
import type { AuthStatus, SessionEvent } from '../../../shared/ipc/contract';
import { ApiClient, type TokenSource } from '../api/client';
import { ApiError } from '../errors';
import type { SecureStore } from '../ports';
import { isLoopbackHost, serverUrlProblem } from '../security/urls';

const REFRESH_KEY = 'refreshToken';
const SERVER_KEY = 'serverUrl';

/**
 * Accepts `127.0.0.1:4010`, `https://host/`...; returns the origin-like base URL. Without a
 * scheme: http for this computer, https otherwise. http to another computer only with
 * `allowInsecure` (IT policy `allowInsecureServer`); never credentials in the address.
 */
export function normalizeServerUrl(input: string, allowInsecure = false): string {
  const text = input.trim();
  const bareHost = /^\[?([^/\]]*?)\]?(?::\d+)?(?:\/|$)/.exec(text)?.[1] ?? '';
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `${isLoopbackHost(bareHost) ? 'http' : 'https'}://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw ApiError.of('INVALID_SERVER_URL', `"${input}" is not a server address.`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw ApiError.of('INVALID_SERVER_URL', `"${input}" is not an http(s) server address.`);
  }
  const problem = serverUrlProblem(url.href, allowInsecure);
  if (problem) throw ApiError.of('INVALID_SERVER_URL', `"${input}": ${problem}.`);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/**
 * The signed-in session. The access token lives only in memory; the refresh token only in the
 * secure store (safeStorage in Electron). Neither ever leaves the core.
 */
export class AuthSession implements TokenSource {
  private access: string | null = null;
  private user: User | null = null;
  private api: ApiClient | null = null;
  private refreshing: Promise<string> | null = null;
  /** Why the user is signed out, when the session ended by itself. */
  private endedBecause: 'expired' | null = null;

  constructor(
    private readonly secure: SecureStore,
    private readonly onChange: (event: SessionEvent) => void,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  get client(): ApiClient {
    if (!this.api || !this.user) throw ApiError.of('NOT_SIGNED_IN', 'Sign in first.');
    return this.api;
  }

  get currentUser(): User | null {
    return this.user;
  }

  status(): AuthStatus {
    if (this.user && this.api) return { state: 'signedIn', user: this.user, serverUrl: this.api.serverUrl };
    return this.endedBecause ? { state: 'signedOut', reason: this.endedBecause } : { state: 'signedOut' };
  }

  accessToken(): string | null {
    return this.access;
  }

  /**
   * Signs in again from a stored refresh token; stays signed out if the server refuses it, or if
   * the stored address is one sign-in would refuse today (http to another computer, stored by an
   * older version or before IT policy turned allowInsecureServer off): the token is not sent there.
   */
  async restore(allowInsecure = false): Promise<boolean> {
    const [refreshToken, serverUrl] = await Promise.all([this.secure.get(REFRESH_KEY), this.secure.get(SERVER_KEY)]);
    if (!refreshToken || !serverUrl) return false;
    if (serverUrlProblem(serverUrl, allowInsecure)) {
      await this.clear();
      return false;
    }
    this.api = new ApiClient(serverUrl, this, this.fetchImpl);
    try {
      await this.refreshNow(false);
      return true;
    } catch (error) {
      this.api = null;
      if (error instanceof ApiError && error.code === 'SESSION_EXPIRED') {
        // The stored session was refused (revoked, or unused for too long): say so at the login.
        await this.clear();
        this.endedBecause = 'expired';
      }
      return false;
    }
  }

  async login(serverUrlInput: string, email: string, password: string, allowInsecure = false): Promise<User> {
    const serverUrl = normalizeServerUrl(serverUrlInput, allowInsecure);
    const api = new ApiClient(serverUrl, this, this.fetchImpl);
    const pair = await api.post('/auth/login', TokenPair, { json: { email: email.trim(), password }, anonymous: true });
    this.api = api;
    await this.accept(pair, serverUrl);
    return pair.user;
  }

  async logout(): Promise<void> {
    const refreshToken = await this.secure.get(REFRESH_KEY);
    if (this.api && refreshToken) {
      await this.api.send('post', '/auth/logout', { json: { refreshToken }, anonymous: true }).catch(() => undefined);
    }
    await this.clear();
    this.api = null;
    this.onChange({ state: 'signedOut', reason: 'logout' });
  }

  /** One refresh at a time: concurrent 401s share it. */
  refresh(): Promise<string> {
    this.refreshing ??= this.refreshNow(true).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refreshNow(signOutOnFailure: boolean): Promise<string> {
    const refreshToken = await this.secure.get(REFRESH_KEY);
    const api = this.api;
    if (!refreshToken || !api) throw ApiError.of('SESSION_EXPIRED', 'No session to refresh.');
    try {
      const pair = await api.post('/auth/refresh', TokenPair, { json: { refreshToken }, anonymous: true });
      await this.accept(pair, api.serverUrl);
      return pair.accessToken;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'SESSION_EXPIRED' && signOutOnFailure) {
        const wasSignedIn = this.user !== null;
        await this.clear();
        this.api = null;
        this.endedBecause = 'expired';
        if (wasSignedIn) this.onChange({ state: 'signedOut', reason: 'expired' });
      }
      throw error;
    }
  }

  private async accept(pair: TokenPair, serverUrl: string): Promise<void> {
    const wasSignedIn = this.user !== null;
    this.endedBecause = null;
    this.access = pair.accessToken;
    this.user = pair.user;
    await this.secure.set(REFRESH_KEY, pair.refreshToken);
    await this.secure.set(SERVER_KEY, serverUrl);
    if (!wasSignedIn) this.onChange({ state: 'signedIn', user: pair.user });
  }

  private async clear(): Promise<void> {
    this.access = null;
    this.user = null;
    await this.secure.delete(REFRESH_KEY);
  }
}
