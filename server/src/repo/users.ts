import { normalizeEmail } from '../auth/identity';
import type { Role, User } from '../../../shared/api/schemas';
import type { UserAccount } from '../../../shared/api/admin';
import type { Queryable } from '../db/db';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  deactivated_at: Date | null;
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, name: row.name, role: row.role });
const toAccount = (row: UserRow): UserAccount => ({ ...toUser(row), deactivatedAt: row.deactivated_at ? new Date(row.deactivated_at).toISOString() : null });

export async function findUserByEmail(
  db: Queryable,
  email: string,
): Promise<(User & { passwordHash: string; deactivated: boolean }) | null> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE email = $1', [normalizeEmail(email)]);
  return rows[0] ? { ...toUser(rows[0]), passwordHash: rows[0].password_hash, deactivated: rows[0].deactivated_at !== null } : null;
}

/** A user who may work (not deactivated): the one lookup for refresh and /me. */
export async function findActiveUser(db: Queryable, id: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE id = $1 AND deactivated_at IS NULL', [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

/** Active users of these roles, by name (who a conversation may be given to). */
export async function listActiveUsers(db: Queryable, roles: readonly Role[]): Promise<User[]> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE deactivated_at IS NULL AND role = ANY($1::text[]) ORDER BY name, id', [roles]);
  return rows.map(toUser);
}

/** Every account, active ones first, then by name (administration). */
export async function listAccounts(db: Queryable): Promise<UserAccount[]> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users ORDER BY deactivated_at IS NOT NULL, name, id');
  return rows.map(toAccount);
}

/**
 * Turns an account off (at `at`) or back on (null), and returns it, or null when there is no such
 * user. Deactivating one already off keeps its first date.
 */
export async function setDeactivated(db: Queryable, id: string, at: Date | null): Promise<UserAccount | null> {
  const { rows } = await db.query<UserRow>(
    'UPDATE users SET deactivated_at = CASE WHEN $2::timestamptz IS NULL THEN NULL ELSE coalesce(deactivated_at, $2::timestamptz) END WHERE id = $1 RETURNING *',
    [id, at],
  );
  return rows[0] ? toAccount(rows[0]) : null;
}

export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return rows[0]!.n;
}

/** Stores a user as given (the caller normalizes the e-mail and hashes the password). */
export async function insertUser(
  db: Queryable,
  user: { id: string; email: string; name: string; role: Role; passwordHash: string; createdAt: Date },
): Promise<void> {
  await db.query('INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    user.id, user.email, user.name, user.role, user.passwordHash, user.createdAt,
  ]);
}
