import type { Queryable } from '../db/db';

/** A server-wide setting, created with `value` unless one is stored already; returns the stored value. */
export async function settingOrCreate(db: Queryable, key: string, value: string): Promise<string> {
  await db.query('INSERT INTO server_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
  const { rows } = await db.query<{ value: string }>('SELECT value FROM server_settings WHERE key = $1', [key]);
  return rows[0]!.value;
}

export interface RefreshTokenRow {
  id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  revoked_at: Date | null;
}

export async function insertRefreshToken(
  db: Queryable,
  token: { id: string; userId: string; familyId: string; tokenHash: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [token.id, token.userId, token.familyId, token.tokenHash, token.expiresAt, token.createdAt],
  );
}

/** The refresh token with this hash, locked for the caller's transaction (rotation). */
export async function lockRefreshToken(tx: Queryable, tokenHash: string): Promise<RefreshTokenRow | null> {
  const { rows } = await tx.query<RefreshTokenRow>(
    'SELECT id, user_id, family_id, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
    [tokenHash],
  );
  return rows[0] ?? null;
}

export async function findRefreshFamily(db: Queryable, tokenHash: string): Promise<string | null> {
  const { rows } = await db.query<{ family_id: string }>('SELECT family_id FROM refresh_tokens WHERE token_hash = $1', [tokenHash]);
  return rows[0]?.family_id ?? null;
}

/**
 * Whether a sign-in session (a refresh-token family) is still live: not signed out, not revoked
 * for reuse, not expired, and its user still exists and is not deactivated. Access tokens name
 * their session.
 */
export async function sessionIsLive(db: Queryable, familyId: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM refresh_tokens r JOIN users u ON u.id = r.user_id
     WHERE r.family_id = $1 AND r.revoked_at IS NULL AND r.expires_at > $2 AND u.deactivated_at IS NULL LIMIT 1`,
    [familyId, now],
  );
  return rows.length > 0;
}

/** Revokes every token of a family that is still live. */
export async function revokeRefreshFamily(db: Queryable, familyId: string, now: Date): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL', [familyId, now]);
}

/** Ends every session of a user (deactivation). */
export async function revokeUserSessions(db: Queryable, userId: string, now: Date): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [userId, now]);
}

export async function revokeRefreshToken(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = $2 WHERE id = $1', [id, now]);
}
