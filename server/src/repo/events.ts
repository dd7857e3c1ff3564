/** The event log (server/src/events/bus.ts reads and writes it only through these). */
import type { ServerEvent } from '../../../shared/api/events';
import type { Queryable } from '../db/db';
import { storableJson } from './rows';

/** An event as stored: the ServerEvent without its `id` and `serverTime`, added when sent. */
export type EventBody = ServerEvent extends infer E ? (E extends ServerEvent ? Omit<E, 'id' | 'serverTime'> : never) : never;

export interface StoredEvent {
  seq: number;
  body: EventBody;
}

/**
 * The NOTIFY channel, one per schema: instances on one schema hear each other, other schemas
 * (other deployments, parallel test files) stay out. The database function (migration 008) is
 * its one definition, also used by ingest_customer_messages.
 */
export const CHANNEL_SQL = `event_channel()`;

/**
 * Writes the events in one statement; seqs come back in input order. Strings are made storable
 * first (no U+0000 or lone surrogate: PostgreSQL text cannot hold them, and clients get what the
 * log holds). With `notify` the same statement queues one NOTIFY carrying the highest seq,
 * delivered by PostgreSQL at commit.
 */
export async function insertEvents(tx: Queryable, bodies: readonly EventBody[], createdAt: Date, notify: boolean): Promise<number[]> {
  if (bodies.length === 0) return [];
  const insert = `INSERT INTO events (type, payload, created_at)
    SELECT e->>'type', e, $2 FROM json_array_elements($1::json) WITH ORDINALITY AS u(e, n) ORDER BY n
    RETURNING seq`;
  // Rows are numbered in the order the sorted SELECT yields them, so ascending seq is input order.
  const { rows } = await tx.query<{ seq: string }>(writingEvents([], insert, notify, 'seq::text AS seq'), [storableJson(bodies), createdAt]);
  return rows.map((r) => Number(r.seq));
}

/**
 * A statement that runs `ctes` (named queries, which `insert` may read), writes events with
 * `insert` (INSERT INTO events ... RETURNING seq, payload) and selects `columns` of them (`ev`),
 * oldest first (or, with `oldestFirst` false, columns that aggregate them); with `notify` it also
 * queues one NOTIFY carrying the highest seq, sent at commit.
 */
export function writingEvents(ctes: string[], insert: string, notify: boolean, columns = 'seq::text AS seq, payload', oldestFirst = true): string {
  const named = [...ctes, `ev AS (${insert})`, ...(notify ? [`announced AS (SELECT pg_notify(${CHANNEL_SQL}, max(seq)::text) FROM ev)`] : [])];
  return `WITH ${named.join(',\n')} SELECT ${columns} FROM ev${notify ? ', announced' : ''}${oldestFirst ? ' ORDER BY ev.seq' : ''}`;
}

/** An event as a statement written by writingEvents returns it. */
export const toStoredEvent = (r: { seq: string; payload: EventBody | string }): StoredEvent => ({
  seq: Number(r.seq), body: typeof r.payload === 'string' ? (JSON.parse(r.payload) as EventBody) : r.payload,
});

/** The bodies as the log holds them once written by insertEvents (text made storable, plain JSON). */
export function storedBodies(bodies: readonly EventBody[]): EventBody[] {
  return JSON.parse(storableJson(bodies)) as EventBody[];
}

/**
 * SQL for a conversation event's body as JSON text, written whole (a close that returns it) or put
 * together when read (an event naming its conversation, readEvents): one shape for both. `type` is
 * SQL giving the event type, `row` the conversation row; its contact is `ct` and assignee `u`
 * (conversationPeople joins them).
 */
export const conversationEventText = (type: string, row: string): string =>
  `'{"type":"' || ${type} || '","conversation":' || conversation_json_text(${row}, ct.name, ct.phone, u.name) || '}'`;

/** The joins conversationEventText reads, after a conversation row `alias`. */
export const conversationPeople = (alias: string): string =>
  `JOIN contacts ct ON ct.id = ${alias}.contact_id LEFT JOIN users u ON u.id = ${alias}.assignee_id`;

// Ordered by the column e.seq, not by the output text of the same name (where "10" < "9").
const READ_EVENTS = `SELECT e.seq::text AS seq, COALESCE(e.payload::text, (
    SELECT ${conversationEventText('e.type', 'c')} FROM conversations c ${conversationPeople('c')} WHERE c.id = e.conversation_id)) AS payload
  FROM events e
  WHERE e.seq > $1 AND ($2::bigint IS NULL OR e.seq <= $2) AND NOT (e.seq = ANY($3::bigint[]))
  ORDER BY e.seq ASC LIMIT $4`;

/**
 * Committed events after `after` (up to `upTo` when given), oldest first, leaving out `skip`. An
 * event written naming its conversation (the sweeper's closes, migration 022) gets it put in here,
 * by conversationEventText: the same body as one written holding it.
 */
export async function readEvents(
  q: Queryable,
  after: number,
  options: { limit?: number; upTo?: number; skip?: Iterable<number> } = {},
): Promise<StoredEvent[]> {
  const skip = [...(options.skip ?? [])];
  const { rows } = await q.query<{ seq: string; payload: EventBody | string }>(
    READ_EVENTS,
    [after, options.upTo ?? null, `{${skip.join(',')}}`, options.limit ?? 1000],
  );
  return rows.map(toStoredEvent);
}

/**
 * The seqs of committed events after `after`, oldest first, leaving out `skip`: where the log
 * stands, without reading the events. When they run without a gap (the usual case) a count and
 * the highest seq say it all, whatever their number; else the first `limit` are read.
 */
export async function readEventSeqs(q: Queryable, after: number, options: { limit: number; skip: Iterable<number> }): Promise<number[]> {
  const skip = [...options.skip];
  const skipParam = `{${skip.join(',')}}`;
  const { rows } = await q.query<{ n: string; top: string | null }>(
    'SELECT count(*)::text AS n, max(seq)::text AS top FROM events WHERE seq > $1 AND NOT (seq = ANY($2::bigint[]))',
    [after, skipParam],
  );
  const count = Number(rows[0]!.n);
  const top = rows[0]!.top === null ? after : Number(rows[0]!.top);
  const held = new Set(skip.filter((seq) => seq > after && seq <= top));
  if (count + held.size === top - after) {
    return Array.from({ length: top - after }, (_, i) => after + 1 + i).filter((seq) => !held.has(seq));
  }
  const listed = await q.query<{ seq: string }>(
    // Ordered by the column, not by the text of the same name (where "10" sorts before "9").
    'SELECT e.seq::text AS seq FROM events e WHERE e.seq > $1 AND NOT (e.seq = ANY($2::bigint[])) ORDER BY e.seq ASC LIMIT $3',
    [after, skipParam, options.limit],
  );
  return listed.rows.map((r) => Number(r.seq));
}

export async function latestEventSeq(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ seq: string | null }>('SELECT max(seq)::text AS seq FROM events');
  return Number(rows[0]?.seq ?? 0);
}

export async function eventChannel(q: Queryable): Promise<string> {
  const { rows } = await q.query<{ channel: string }>(`SELECT ${CHANNEL_SQL} AS channel`);
  return rows[0]!.channel;
}
