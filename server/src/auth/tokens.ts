import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Role, TokenPair, User } from '../../../shared/api/schemas';
import type { Clock } from '../clock';
import type { Db, Queryable } from '../db/db';
import { ProblemError } from '../errors';
import {
  findRefreshFamily,
  insertRefreshToken,
  lockRefreshToken,
  revokeRefreshFamily,
  revokeRefreshToken,
  sessionIsLive,
  settingOrCreate,
} from '../repo/auth';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
/** How long an instance trusts its last look at a session (another instance's logout reaches it within this). */
const SESSION_CACHE_MS = 5_000;
const REFRESH_TOKEN_MS = 30 * 24 * 60 * 60 * 1000;
const SECRET_KEY = 'jwt_secret';

export interface AuthUser {
  id: string;
  name: string;
  role: Role;
  /** The sign-in session (refresh-token family) the access token belongs to. */
  sid: string;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Short-lived JWT access tokens (role on the token) and rotating refresh tokens stored hashed. */
export class TokenService {
  private constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly key: Uint8Array,
  ) {}

  private readonly sessions = new Map<string, { live: boolean; until: number }>();

  /** Loads the signing secret, creating it once; shared by every instance through the database. */
  static async create(db: Db, clock: Clock): Promise<TokenService> {
    const secret = await settingOrCreate(db, SECRET_KEY, randomBytes(32).toString('base64url'));
    return new TokenService(db, clock, Buffer.from(secret, 'base64url'));
  }

  async issue(user: User, familyId: string = randomUUID(), tx: Queryable = this.db): Promise<TokenPair> {
    const now = this.clock.now();
    const issuedAt = Math.floor(now.getTime() / 1000);
    const accessToken = await new SignJWT({ role: user.role, name: user.name, sid: familyId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ACCESS_TOKEN_SECONDS)
      .sign(this.key);
    const refreshToken = randomBytes(32).toString('base64url');
    await insertRefreshToken(tx, {
      id: randomUUID(),
      userId: user.id,
      familyId,
      tokenHash: hash(refreshToken),
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_MS),
      createdAt: now,
    });
    return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_SECONDS, user };
  }

  async verifyAccess(token: string): Promise<AuthUser> {
    const refused = new ProblemError('UNAUTHENTICATED', 'The access token is missing, invalid or expired.');
    let user: AuthUser;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], currentDate: this.clock.now() });
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string' || typeof payload.sid !== 'string') throw new Error('claims');
      user = { id: payload.sub, role: payload.role as Role, name: String(payload.name ?? ''), sid: payload.sid };
    } catch {
      throw refused;
    }
    // Signed out (or the session revoked, or the user gone): the token stops working at once.
    if (!(await this.isLive(user.sid))) throw new ProblemError('UNAUTHENTICATED', 'This session has ended; sign in again.');
    return user;
  }

  /**
   * Session liveness, cached briefly per instance (one lookup per session every few seconds, not
   * per request); this instance forgets a session at once when it revokes it, another instance
   * within SESSION_CACHE_MS.
   */
  async isLive(sid: string): Promise<boolean> {
    const now = Date.now();
    const cached = this.sessions.get(sid);
    if (cached && cached.until > now) return cached.live;
    const live = await sessionIsLive(this.db, sid, this.clock.now());
    if (this.sessions.size > 10_000) this.sessions.clear();
    this.sessions.set(sid, { live, until: now + SESSION_CACHE_MS });
    return live;
  }

  /** Rotation: the presented token is revoked and a new pair issued; reusing a revoked token revokes its family. */
  async rotate(refreshToken: string, loadUser: (id: string, tx: Queryable) => Promise<User | null>): Promise<TokenPair> {
    const now = this.clock.now();
    const expired = new ProblemError('SESSION_EXPIRED', 'The session has expired; sign in again.');
    const result = await this.db.transaction(async (tx) => {
      const row = await lockRefreshToken(tx, hash(refreshToken));
      if (!row) return null;
      if (row.revoked_at) {
        await revokeRefreshFamily(tx, row.family_id, now);
        this.sessions.delete(row.family_id);
        return 'reused' as const;
      }
      if (new Date(row.expires_at) <= now) return null;
      const user = await loadUser(row.user_id, tx);
      if (!user) return null;
      await revokeRefreshToken(tx, row.id, now);
      return this.issue(user, row.family_id, tx);
    });
    if (result === null || result === 'reused') throw expired;
    return result;
  }

  /** After sessions ended elsewhere than revoke() (deactivation): this instance looks again at once. */
  forgetCachedSessions(): void {
    this.sessions.clear();
  }

  async revoke(refreshToken: string): Promise<void> {
    const familyId = await findRefreshFamily(this.db, hash(refreshToken));
    if (!familyId) return;
    await revokeRefreshFamily(this.db, familyId, this.clock.now());
    this.sessions.delete(familyId);
  }
}
