import type { UserAccount } from '../../../shared/api/admin';
import type { Db } from '../db/db';
import { revokeUserSessions } from '../repo/auth';
import { setDeactivated } from '../repo/users';

/**
 * Turns an account off: it cannot sign in or refresh, and every session it has ends (access tokens
 * name their session, which is checked on each request, cached a few seconds per instance). The
 * user row stays, so history still names them. Null when there is no such user.
 */
export function deactivateAccount(db: Db, id: string, now: Date): Promise<UserAccount | null> {
  return db.transaction(async (tx) => {
    const account = await setDeactivated(tx, id, now);
    if (account) await revokeUserSessions(tx, id, now);
    return account;
  });
}

/** Turns an account back on; its old sessions stay ended (the user signs in again). */
export function reactivateAccount(db: Db, id: string): Promise<UserAccount | null> {
  return setDeactivated(db, id, null);
}
