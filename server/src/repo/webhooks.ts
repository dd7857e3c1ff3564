/** The webhook inbox (migration 004): stored deliveries, their items, and the parked failures. */
import { hash as digest } from 'node:crypto';
import type { Queryable } from '../db/db';
import { iso, isoRequired, storable, storableJson } from './rows';

/** An item of a delivery split as it arrives (stored with it, so no worker has to split it again). */
export interface DeliveryItem {
  kind: string;
  dedupeKey: string;
  payload: unknown;
}

/**
 * Stores verified deliveries as received, in one statement (in hash order, so two instances never
 * wait on each other crosswise); per delivery, false when the very same body was stored before.
 * A delivery given with its `items` is stored split already, its items in the same statement
 * (in arrival order; an item whose dedupe key is stored is not stored again); one given without
 * (null) waits for the worker to split it.
 */
export async function storeWebhooks(
  db: Queryable, provider: string, raws: string[], now: Date, items: (DeliveryItem[] | null)[] = [],
): Promise<boolean[]> {
  const hashes = raws.map((raw) => digest('sha256', raw));
  const order = raws.map((_, i) => i).sort((a, b) => (hashes[a]! < hashes[b]! ? -1 : hashes[a]! > hashes[b]! ? 1 : a - b));
  // The rows travel as one JSON text each (cheaper to write and to read than arrays of escaped texts).
  const events = JSON.stringify(order.map((i) => ({ h: hashes[i], r: storable(raws[i]!), x: items[i] != null })));
  let rows: { body_sha256: string }[];
  if (!items.some(Boolean)) {
    ({ rows } = await db.query(
      `INSERT INTO webhook_events (provider, body_sha256, raw, received_at)
       SELECT $1, h, r, $3 FROM ROWS FROM (json_to_recordset($2::json) AS (h text, r text)) WITH ORDINALITY AS v(h, r, n) ORDER BY n
       ON CONFLICT (provider, body_sha256) DO NOTHING RETURNING body_sha256`,
      [provider, events, now],
    ));
  } else {
    // Each body's items once (its first copy in the batch), each dedupe key once.
    const keys = new Set<string>();
    const split = raws.flatMap((_, i) => (hashes.indexOf(hashes[i]!) === i ? (items[i] ?? []).map((item) => ({ hash: hashes[i]!, item })) : []))
      .map(({ hash, item }) => ({ hash, item, key: storable(item.dedupeKey) }))
      .filter(({ key }) => !keys.has(key) && keys.add(key));
    // Each payload is JSON already: the list is put together around them, not serialized again.
    const itemRows = `[${split.map((s) => `{"h":"${s.hash}","k":${JSON.stringify(s.item.kind)},"d":${JSON.stringify(s.key)},"p":${storableJson(s.item.payload)}}`).join(',')}]`;
    ({ rows } = await db.query(
      `WITH stored AS (
         INSERT INTO webhook_events (provider, body_sha256, raw, received_at, expanded_at)
         SELECT $1, h, r, $3, CASE WHEN x THEN $3::timestamptz END
         FROM ROWS FROM (json_to_recordset($2::json) AS (h text, r text, x boolean)) WITH ORDINALITY AS v(h, r, x, n) ORDER BY n
         ON CONFLICT (provider, body_sha256) DO NOTHING RETURNING id, body_sha256
       ), split AS (
         INSERT INTO webhook_items (event_id, provider, kind, dedupe_key, payload, state, attempts, next_attempt_at)
         SELECT stored.id, $1, i.k, i.d, i.p, 'pending', 0, $3
         FROM ROWS FROM (json_to_recordset($4::json) AS (h text, k text, d text, p jsonb)) WITH ORDINALITY AS i(h, k, d, p, n)
         JOIN stored ON stored.body_sha256 = i.h
         ORDER BY i.n
         ON CONFLICT (provider, dedupe_key) DO NOTHING
       )
       SELECT body_sha256 FROM stored`,
      [provider, events, now, itemRows],
    ));
  }
  const created = new Set(rows.map((r) => r.body_sha256));
  // The same body twice in one batch: only its first copy counts as new.
  return hashes.map((hash, i) => created.has(hash) && hashes.indexOf(hash) === i);
}

/** Whether any delivery waits to be split (one index probe, before a transaction is begun for it). */
export async function hasUnexpanded(db: Queryable, provider: string): Promise<boolean> {
  const { rows } = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM webhook_events WHERE provider = $1 AND expanded_at IS NULL) AS any`, [provider]);
  return rows[0]!.any;
}

/** Deliveries not split into items yet, oldest first (by the column e.id, not its text: "10" < "9"), row-locked (SKIP LOCKED). */
export async function claimUnexpanded(db: Queryable, provider: string, limit: number): Promise<{ id: string; raw: string }[]> {
  const { rows } = await db.query<{ id: string; raw: string }>(
    `SELECT e.id::text AS id, e.raw FROM webhook_events e WHERE e.provider = $1 AND e.expanded_at IS NULL ORDER BY e.id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [provider, limit],
  );
  return rows;
}

export interface NewItem {
  eventId: string;
  kind: string;
  dedupeKey: string;
  payload: unknown;
  /** 'dead' for an item that is a failure from the start (a delivery that could not be read). */
  state?: 'pending' | 'dead';
  lastError?: string;
}

/** Adds items (one statement); an item whose dedupe key is already stored is not stored again. */
export async function insertItems(db: Queryable, provider: string, items: NewItem[], now: Date): Promise<void> {
  if (!items.length) return;
  await db.query(
    `INSERT INTO webhook_items (event_id, provider, kind, dedupe_key, payload, state, attempts, next_attempt_at, last_error, failed_at)
     SELECT e, $1, k, d, p, s, 0, $2, le, CASE WHEN s = 'dead' THEN $2::timestamptz END
     FROM unnest($3::bigint[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[]) AS v(e, k, d, p, s, le)
     ON CONFLICT (provider, dedupe_key) DO NOTHING`,
    [
      provider, now, items.map((i) => i.eventId), items.map((i) => i.kind), items.map((i) => storable(i.dedupeKey)),
      items.map((i) => storableJson(i.payload)), items.map((i) => i.state ?? 'pending'), items.map((i) => (i.lastError ? storable(i.lastError) : null)),
    ],
  );
}

export async function markExpanded(db: Queryable, eventIds: string[], now: Date): Promise<void> {
  if (eventIds.length) await db.query('UPDATE webhook_events SET expanded_at = $2 WHERE id = ANY($1::bigint[])', [eventIds, now]);
}

/** A delivery to split again (an administrator replays one that could not be read). */
export async function markUnexpanded(db: Queryable, eventId: string): Promise<void> {
  await db.query('UPDATE webhook_events SET expanded_at = NULL WHERE id = $1', [eventId]);
}

export interface ClaimedItem<T> {
  id: string;
  attempts: number;
  payload: T;
}

/**
 * Due items, oldest first, row-locked (SKIP LOCKED: another instance's worker takes others), and
 * marked done in the same statement: the caller applies them in this transaction and postpones
 * (postponeItems) those it could not apply, so a rollback leaves them all pending.
 *
 * What one item does to a message may depend on what an earlier one did (a status after READ or
 * after a failure, the latest reaction): the items about one message are applied in the order
 * they arrived. So a worker claiming an item about a message also holds that message's advisory
 * lock until its transaction ends, and a worker on another instance leaves the message's later
 * items for its next round rather than apply them beside (or before) the earlier ones.
 */
export async function claimDueItems<T>(db: Queryable, provider: string, now: Date, limit: number): Promise<ClaimedItem<T>[]> {
  // The message locks are tried on the claimed rows only (after LIMIT), never on the whole backlog.
  const { rows } = await db.query<{ id: string; attempts: number; payload: T | string }>(
    `WITH due AS MATERIALIZED (
       SELECT id, kind, payload FROM webhook_items WHERE provider = $1 AND state = 'pending' AND next_attempt_at <= $2
       ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
     UPDATE webhook_items w SET state = 'done', attempts = w.attempts + 1, processed_at = $2, last_error = NULL, failed_at = NULL
     FROM (SELECT id FROM due WHERE kind NOT IN ('status', 'reaction', 'edit') OR pg_try_advisory_xact_lock(hashtextextended(
             'webhook-message:' || $1 || ':' || COALESCE(payload->>'providerMessageId', payload->>'targetProviderId', ''), 0))) mine
     WHERE w.id = mine.id
     RETURNING w.id::text AS id, w.attempts - 1 AS attempts, w.payload`,
    [provider, now, limit],
  );
  return rows
    .map((r) => ({ id: r.id, attempts: r.attempts, payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as T) : r.payload }))
    .sort((a, b) => a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Items claimed in this transaction to try again later, each at its own time; those given up on are parked ('dead'). */
export async function postponeItems(db: Queryable, list: { id: string; attempts: number; dead: boolean; nextAt: Date; error: string }[], now: Date): Promise<void> {
  if (!list.length) return;
  await db.query(
    `UPDATE webhook_items w SET attempts = v.attempts, state = CASE WHEN v.dead THEN 'dead' ELSE 'pending' END,
       next_attempt_at = v.next_at, last_error = v.error, failed_at = CASE WHEN v.dead THEN $6::timestamptz END, processed_at = NULL
     FROM unnest($1::bigint[], $2::int[], $3::boolean[], $4::timestamptz[], $5::text[]) AS v(id, attempts, dead, next_at, error)
     WHERE w.id = v.id AND w.state <> 'dead'`,
    [list.map((i) => i.id), list.map((i) => i.attempts), list.map((i) => i.dead), list.map((i) => i.nextAt), list.map((i) => storable(i.error).slice(0, 500)), now],
  );
}

export interface WebhookFailure {
  id: string;
  provider: string;
  kind: string;
  attempts: number;
  lastError: string | null;
  failedAt: string | null;
  receivedAt: string;
  payload: unknown;
}

/** Parked items, most recently failed first; `before` pages on from an item id. */
export async function listFailedItems(db: Queryable, limit: number, before?: string): Promise<WebhookFailure[]> {
  const { rows } = await db.query<{
    id: string; provider: string; kind: string; attempts: number; last_error: string | null; failed_at: Date | null; received_at: Date; payload: unknown;
  }>(
    `SELECT w.id::text AS id, w.provider, w.kind, w.attempts, w.last_error, w.failed_at, e.received_at, w.payload
     FROM webhook_items w JOIN webhook_events e ON e.id = w.event_id
     WHERE w.state = 'dead' AND ($2::bigint IS NULL OR w.id < $2::bigint) ORDER BY w.id DESC LIMIT $1`,
    [limit, before ?? null],
  );
  return rows.map((r) => ({
    id: r.id, provider: r.provider, kind: r.kind, attempts: r.attempts, lastError: r.last_error, failedAt: iso(r.failed_at),
    receivedAt: isoRequired(r.received_at), payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
  }));
}

/** Puts a parked item back in the queue, due now, with a fresh count of attempts; false if none is parked under the id. */
export async function replayFailedItem(db: Queryable, id: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE webhook_items SET state = 'pending', attempts = 0, next_attempt_at = $2, failed_at = NULL WHERE id = $1 AND state = 'dead' RETURNING id`,
    [id, now],
  );
  return rows.length > 0;
}
