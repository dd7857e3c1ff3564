import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import type { Db } from '../db/db';
import { migrate } from '../db/migrate';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import { readEventSeqs } from '../repo/events';
import { nearNextDigit } from '../../test/sequences';
import { EventBus, type EventBody } from './bus';

const DATABASE_URL = process.env.DATABASE_URL;
const backends = [
  { name: 'PGlite', url: null as string | null },
  { name: 'PostgreSQL', url: DATABASE_URL ?? null },
];

const updated = (text: string) => ({ type: 'message.updated', message: { id: text, text } }) as unknown as EventBody;
const agent = { id: 'agent-1', role: 'agent' as const };

/** The SSE frames in bytes written to a client, one string each. */
const framesOf = (bytes: Buffer) => bytes.toString('utf8').split(/(?<=\n\n)/);

/** A client's frames, decoded: [id, data]; and how many writes brought them. */
function collect() {
  const frames: { id: number; data: { message: { text: string }; id: string; serverTime: string } }[] = [];
  let writes = 0;
  const write = (bytes: Buffer) => {
    writes++;
    for (const frame of framesOf(bytes)) {
      const [id, , data] = frame.split('\n');
      frames.push({ id: Number(id!.slice(4)), data: JSON.parse(data!.slice(6)) });
    }
  };
  return { frames, write, texts: () => frames.map((f) => f.data.message.text), writes: () => writes };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

for (const backend of backends) {
  describe.skipIf(!backend.url && backend.name === 'PostgreSQL')(`the event bus [${backend.name}]`, () => {
    const schema = `test_${randomBytes(6).toString('hex')}`;
    let db: Db;
    const buses: EventBus[] = [];
    const bus = async (options = {}) => {
      const b = new EventBus(db, systemClock, options);
      await b.start();
      buses.push(b);
      return b;
    };
    const write = async (b: EventBus, ...texts: string[]) => {
      const seqs = await db.transaction((tx) => b.appendMany(tx, texts.map(updated)));
      await b.announce(seqs);
      return seqs;
    };

    beforeAll(async () => {
      db = backend.url ? await openPostgres(backend.url, schema) : await openPglite();
      await migrate(db);
    });
    afterEach(async () => {
      for (const b of buses.splice(0)) await b.stop();
    });
    afterAll(async () => {
      await db.close();
      if (backend.url) {
        const admin = new pg.Client({ connectionString: backend.url });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.end();
      }
    });

    it('writes several events in one statement, seqs in input order, text PostgreSQL cannot hold made storable', async () => {
      const b = await bus();
      const seqs = await write(b, 'one', 'two\u0000', 'three\ud800');
      expect(seqs).toHaveLength(3);
      expect(seqs[1]).toBe(seqs[0]! + 1);
      expect(seqs[2]).toBe(seqs[1]! + 1);
      const stored = await b.since(seqs[0]! - 1);
      expect(stored.map((e) => [e.seq, (e.body as { message: { text: string } }).message.text])).toEqual([
        [seqs[0], 'one'], [seqs[1], 'two'], [seqs[2], 'three\ufffd'],
      ]);
    });

    it('pairs each event with its own seq when the numbers gain a digit (99, 100)', async () => {
      const b = await bus();
      const mine = collect();
      b.open(agent, null, mine.write);
      const boundary = await nearNextDigit(db, 'events_seq_seq', 2);
      const seqs = await write(b, 'a', 'b', 'c', 'd');
      expect(seqs).toEqual([boundary - 2, boundary - 1, boundary, boundary + 1]);
      await until(() => mine.frames.length === 4);
      expect(mine.frames.map((f) => [f.id, f.data.message.text])).toEqual([
        [boundary - 2, 'a'], [boundary - 1, 'b'], [boundary, 'c'], [boundary + 1, 'd'],
      ]);
    });

    it('replays from the log in sequence order when the numbers gain a digit: a client resuming with Last-Event-ID misses nothing', async () => {
      // Read back as text, "100" sorts before "98": a replay ordered so jumped to the newest and lost the rest.
      const b = await bus();
      const boundary = await nearNextDigit(db, 'events_seq_seq', 2);
      await write(b, 'a', 'b', 'c', 'd', 'e');
      await until(() => b.lastDelivered === boundary + 2); // past the numbers setval skipped
      const resumed = collect();
      await b.open(agent, boundary - 3, resumed.write).ready;
      expect(resumed.frames.map((f) => [f.id, f.data.message.text])).toEqual([
        [boundary - 2, 'a'], [boundary - 1, 'b'], [boundary, 'c'], [boundary + 1, 'd'], [boundary + 2, 'e'],
      ]);
    });

    it('lists the seqs of the log in order across a gap where the numbers gain a digit', async () => {
      const b = await bus();
      const boundary = await nearNextDigit(db, 'events_seq_seq', 2);
      await write(b, 'a', 'b');
      await db.query("SELECT setval('events_seq_seq', $1)", [boundary]); // a gap at the boundary: the seqs are listed, not counted
      await write(b, 'c', 'd');
      expect(await readEventSeqs(db, boundary - 3, { limit: 3, skip: [] })).toEqual([boundary - 2, boundary - 1, boundary + 1]);
    });

    it('gives every client the same bytes, serialized once, events written together in one write, in sequence order', async () => {
      const b = await bus();
      const received: Buffer[][] = [[], []];
      b.open(agent, null, (f) => received[0]!.push(f));
      b.open({ id: 'other', role: 'supervisor' }, null, (f) => received[1]!.push(f));
      const seqs = await write(b, 'a', 'b');
      await until(() => received[1]!.length === 1);
      await new Promise((r) => setTimeout(r, 50)); // a late read of the log would add writes now
      expect(received.map((writes) => writes.length)).toEqual([1, 1]);
      expect(received[0]![0]).toBe(received[1]![0]); // the very same bytes, not a copy
      const frames = framesOf(received[0]![0]!);
      expect(frames).toHaveLength(2);
      frames.forEach((frame, i) => {
        expect(frame.startsWith(`id: ${seqs[i]}\nevent: message.updated\ndata: {`)).toBe(true);
        expect(frame.endsWith('}\n\n')).toBe(true);
      });
    });

    it('leaves out of a stream the events its viewer may not see', async () => {
      const b = await bus({ canSee: (viewer: { id: string }, event: EventBody) => !(viewer.id === 'agent-1' && 'message' in event && event.message.text === 'secret') });
      const mine = collect();
      const others = collect();
      b.open(agent, null, mine.write);
      b.open({ id: 'agent-2', role: 'agent' }, null, others.write);
      await write(b, 'public', 'secret', 'after');
      await until(() => others.frames.length === 3 && mine.frames.length === 2);
      expect(others.texts()).toEqual(['public', 'secret', 'after']);
      expect(mine.texts()).toEqual(['public', 'after']);
      expect([mine.writes(), others.writes()]).toEqual([1, 1]);
    });

    it('resumes after a Last-Event-ID from the log, then live, without gap or repeat', async () => {
      const b = await bus();
      const [seen] = await write(b, 'seen');
      await write(b, 'missed 1', 'missed 2');
      const client = collect();
      const stream = b.open(agent, seen!, client.write);
      await stream.ready;
      await write(b, 'live');
      await until(() => client.frames.length === 3);
      expect(client.texts()).toEqual(['missed 1', 'missed 2', 'live']);
      expect(client.frames.map((f) => String(f.id))).toEqual(client.frames.map((f) => f.data.id));
    });

    it('takes a Last-Event-ID beyond the end of the log as "from now"', async () => {
      const b = await bus();
      const client = collect();
      await b.open(agent, (await b.latestSeq()) + 1_000_000, client.write).ready;
      await write(b, 'next');
      await until(() => client.frames.length === 1);
      expect(client.texts()).toEqual(['next']);
    });

    it('delivers its own events to its clients when announced, once each, whatever else reads the log', async () => {
      const b = await bus();
      const mine = collect();
      b.open(agent, null, mine.write);
      await write(b, 'one', 'two\u0000');
      // Already there when announce returns: no round trip through NOTIFY and a read of the log.
      expect(mine.texts()).toEqual(['one', 'two']);
      await write(b, 'three');
      await b.announce(await b.since(0)); // the log handed to a bus that delivered it all already
      expect(mine.texts()).toEqual(['one', 'two', 'three']);
    });

    it('delivers what one instance wrote to the clients of both, in the same order, once each', async (context) => {
      if (db.kind !== 'pg') return context.skip(); // PGlite: one process, one bus
      const b = await bus();
      const other = await bus();
      const mine = collect();
      const theirs = collect();
      b.open(agent, null, mine.write);
      other.open(agent, null, theirs.write);
      for (let i = 0; i < 10; i++) await write(i % 2 ? b : other, `m${i}`);
      const expected = Array.from({ length: 10 }, (_, i) => `m${i}`);
      await until(() => mine.frames.length === 10 && theirs.frames.length === 10);
      await new Promise((r) => setTimeout(r, 100)); // a late read of the log would add repeats now
      expect(mine.texts()).toEqual(expected);
      expect(theirs.texts()).toEqual(expected);
      expect(mine.frames.map((f) => f.id)).toEqual(theirs.frames.map((f) => f.id));
    });

    it('holds its own event until an earlier one commits, then delivers both in order, once', async (context) => {
      if (db.kind !== 'pg') return context.skip(); // PGlite runs one transaction at a time
      const b = await bus();
      const other = await bus();
      const mine = collect();
      const theirs = collect();
      b.open(agent, null, mine.write);
      other.open(agent, null, theirs.write);
      let commitSlow!: () => void;
      let appended!: (seqs: number[]) => void;
      const slowAppended = new Promise<number[]>((resolve) => (appended = resolve));
      const slow = db.transaction(async (tx) => {
        appended(await b.appendMany(tx, [updated('earlier')]));
        await new Promise<void>((resolve) => (commitSlow = resolve));
      });
      const [earlier] = await slowAppended;
      const [later] = await write(b, 'later');
      expect(later).toBeGreaterThan(earlier!);
      await new Promise((r) => setTimeout(r, 50));
      expect(mine.frames).toEqual([]);
      commitSlow();
      await slow;
      await b.announce([earlier!]);
      await until(() => mine.frames.length === 2 && theirs.frames.length === 2);
      await new Promise((r) => setTimeout(r, 50));
      expect(mine.texts()).toEqual(['earlier', 'later']);
      expect(theirs.texts()).toEqual(['earlier', 'later']);
    });

    it('reads nothing of the log for the NOTIFY of its own write heard before the write announces its events', async (context) => {
      if (db.kind !== 'pg') return context.skip(); // PGlite has no NOTIFY
      const reads: string[] = [];
      const heard: string[] = [];
      const watched: Db = {
        ...db,
        query: (sql, params) => (reads.push(sql), db.query(sql, params)),
        listen: (channel, onPayload) => db.listen(channel, (payload) => (heard.push(payload), onPayload(payload))),
      };
      const b = new EventBus(watched, systemClock, { ownWritesWaitMs: 10_000 });
      await b.start();
      buses.push(b);
      const client = collect();
      await b.open(agent, null, client.write).ready;
      reads.length = 0;
      await b.writing(async () => {
        const seqs = await db.transaction((tx) => b.appendMany(tx, [updated('mine')]));
        await until(() => heard.includes(String(seqs[0]))); // the answer comes late: the NOTIFY is first
        await b.announce(seqs);
      });
      await until(() => client.frames.length === 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(client.texts()).toEqual(['mine']);
      expect(reads.filter((sql) => /FROM events/.test(sql))).toEqual([]);
    });

    it('delivers another instance\'s event while a write of its own takes long, without waiting for it', async (context) => {
      if (db.kind !== 'pg') return context.skip(); // PGlite: one process, one bus
      const b = await bus({ ownWritesWaitMs: 20 });
      const other = await bus();
      const client = collect();
      await b.open(agent, null, client.write).ready;
      let finish!: () => void;
      const long = b.writing(() => new Promise<void>((resolve) => (finish = resolve)));
      await write(other, 'theirs');
      await until(() => client.frames.length === 1);
      expect(client.texts()).toEqual(['theirs']);
      finish();
      await long;
    });

    it('delivers to every bus on the database, announced or not', async (context) => {
      if (db.kind !== 'pg') return context.skip(); // PGlite: one process, announce wakes the bus
      const writer = await bus();
      const reader = await bus();
      const client = collect();
      reader.open(agent, null, client.write);
      await db.transaction((tx) => writer.append(tx, updated('unannounced')));
      await until(() => client.frames.length === 1);
      expect(client.texts()).toEqual(['unannounced']);
    });

    it('reads no event bodies while no client listens, and gives a client that comes later whole events', async () => {
      const reads: string[] = [];
      const watched: Db = { ...db, query: (sql, params) => (reads.push(sql), db.query(sql, params)) };
      const b = new EventBus(watched, systemClock);
      await b.start();
      buses.push(b);
      const [unheard] = await write(b, 'nobody listens');
      await until(() => b.lastDelivered >= unheard!);
      expect(b.lastDelivered).toBe(unheard);
      expect(reads.filter((sql) => /^\s*SELECT/.test(sql) && sql.includes('payload'))).toEqual([]);
      const client = collect();
      await b.open(agent, null, client.write).ready;
      await write(b, 'heard');
      await until(() => client.frames.length === 1);
      expect(client.texts()).toEqual(['heard']);
    });

    it('gives whole events to a client that comes while the log is read without bodies', async () => {
      let release!: () => void;
      const paused = new Promise<void>((resolve) => (release = resolve));
      let armed = false;
      let held = false;
      const slowSeqs: Db = {
        ...db,
        query: async (sql, params) => {
          // The bus's first look at the log after the write waits until the client below is there.
          if (armed && !held && /^SELECT .* FROM events/.test(sql) && !sql.includes('payload')) {
            held = true;
            await paused;
          }
          return db.query(sql, params);
        },
      };
      const b = new EventBus(slowSeqs, systemClock);
      await b.start();
      buses.push(b);
      armed = true;
      const writing = write(b, 'while nobody listened');
      await until(() => held);
      const client = collect();
      b.open(agent, null, client.write);
      release();
      await writing;
      await until(() => client.frames.length === 1);
      expect(client.texts()).toEqual(['while nobody listened']);
    });

    it('tells where the log stands without reading it, across a number that never committed', async () => {
      const b = await bus();
      const [first] = await write(b, 'before');
      await db.transaction(async (tx) => {
        await b.appendMany(tx, [updated('rolled back')]);
        throw new Error('rolled back');
      }).catch(() => undefined);
      const [, last] = await write(b, 'after 1', 'after 2');
      expect(last).toBe(first! + 3);
      expect(await readEventSeqs(db, first! - 1, { limit: 10, skip: [] })).toEqual([first, first! + 2, last]);
      expect(await readEventSeqs(db, first! - 1, { limit: 2, skip: [last!] })).toEqual([first, first! + 2]);
      expect(await readEventSeqs(db, first! + 1, { limit: 10, skip: [] })).toEqual([first! + 2, last]);
      expect(await readEventSeqs(db, first! + 1, { limit: 10, skip: [first! + 2] })).toEqual([last]);
      expect(await readEventSeqs(db, last!, { limit: 10, skip: [] })).toEqual([]);
    });
  });
}
