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
  settingOrCreate,
} from '../repo/auth';

export const ACCESS_TOKEN_SECONDS = 15 * 60;
const REFRESH_TOKEN_MS = 30 * 24 * 60 * 60 * 1000;
const SECRET_KEY = 'jwt_secret';

export interface AuthUser {
  id: string;
  name: string;
  role: Role;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Short-lived JWT access tokens (role on the token) and rotating refresh tokens stored hashed. */
export class TokenService {
  private constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly key: Uint8Array,
  ) {}

  /** Loads the signing secret, creating it once; shared by every instance through the database. */
  static async create(db: Db, clock: Clock): Promise<TokenService> {
    const secret = await settingOrCreate(db, SECRET_KEY, randomBytes(32).toString('base64url'));
    return new TokenService(db, clock, Buffer.from(secret, 'base64url'));
  }

  async issue(user: User, familyId: string = randomUUID(), tx: Queryable = this.db): Promise<TokenPair> {
    const now = this.clock.now();
    const issuedAt = Math.floor(now.getTime() / 1000);
    const accessToken = await new SignJWT({ role: user.role, name: user.name })
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
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], currentDate: this.clock.now() });
      if (typeof payload.sub !== 'string' || typeof payload.role !== 'string') throw new Error('claims');
      return { id: payload.sub, role: payload.role as Role, name: String(payload.name ?? '') };
    } catch {
      throw new ProblemError('UNAUTHENTICATED', 'The access token is missing, invalid or expired.');
    }
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

  async revoke(refreshToken: string): Promise<void> {
    const familyId = await findRefreshFamily(this.db, hash(refreshToken));
    if (familyId) await revokeRefreshFamily(this.db, familyId, this.clock.now());
  }
}
