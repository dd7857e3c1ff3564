import type { Queryable } from '../db/db';

/** Whether the database answers a trivial query. */
export function databaseReachable(db: Queryable): Promise<boolean> {
  return db.query('SELECT 1').then(
    () => true,
    () => false,
  );
}
