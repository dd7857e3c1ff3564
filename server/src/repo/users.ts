import { normalizeEmail } from '../auth/identity';
import type { Role, User } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, name: row.name, role: row.role });

export async function findUserByEmail(db: Queryable, email: string): Promise<(User & { passwordHash: string }) | null> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE email = $1', [normalizeEmail(email)]);
  return rows[0] ? { ...toUser(rows[0]), passwordHash: rows[0].password_hash } : null;
}

export async function findUser(db: Queryable, id: string): Promise<User | null> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0] ? toUser(rows[0]) : null;
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
