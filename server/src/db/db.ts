/** The database seen by the rest of the server: PGlite (embedded) or PostgreSQL (pg), one API. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'pg';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
  /** LISTEN on a channel; resolves to a function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Runs `fn` inside a savepoint of the caller's transaction: when it throws, only its own work is
 * undone and the transaction goes on (a poisoned item among good ones).
 */
export async function savepoint<T>(tx: Queryable, fn: () => Promise<T>): Promise<T> {
  await tx.query('SAVEPOINT item');
  try {
    const result = await fn();
    await tx.query('RELEASE SAVEPOINT item');
    return result;
  } catch (error) {
    await tx.query('ROLLBACK TO SAVEPOINT item');
    throw error;
  }
}
