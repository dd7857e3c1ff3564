/** Sweeper: closing 10,000 due conversations vs a raw UPDATE of the same rows on a copy. */
import { figure } from '../bench-figures';
import { countOf, int, line, ms, ratio, withServer, type Backend } from './common';
import { fillConversations } from './fill';

const DUE = 10_000;

export async function benchSweeper(backend: Backend): Promise<void> {
  await withServer(backend, {}, async (server) => {
    const db = server.db;
    // Waiting for a reply to a template, past the auto-close time; each has a ticket, half also an earlier customer message.
    await fillConversations(db, {
      count: DUE, phonePrefix: '5541', tickets: true,
      conversation: { state: `'waiting'`, auto_close_at: `now() - interval '1 minute'` },
      messages: [
        { direction: 'inbound', kind: 'text', status: 'received', where: 'f.i % 2 = 0', afterMinutes: -60 },
        { direction: 'outbound', kind: 'template', status: 'delivered', afterMinutes: 0 },
      ],
    });

    await db.query('DROP TABLE IF EXISTS bench_conversations_copy');
    await db.query('CREATE TABLE bench_conversations_copy (LIKE conversations INCLUDING ALL)');
    const { rows } = await db.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'conversations' AND is_generated = 'NEVER'`,
    );
    const columns = rows.map((r) => `"${r.name}"`).join(', ');
    await db.query(
      `INSERT INTO bench_conversations_copy (${columns}) SELECT ${columns} FROM conversations WHERE state = 'waiting' AND auto_close_at <= now()`,
    );
    await db.query('ANALYZE bench_conversations_copy');
    let start = performance.now();
    await db.query(
      `UPDATE bench_conversations_copy SET state = 'closed', closed_reason = 'no_reply', closed_at = now()
       WHERE state = 'waiting' AND auto_close_at <= now()`,
    );
    const rawMs = performance.now() - start;
    const copied = await countOf(db, `bench_conversations_copy WHERE state = 'closed'`);

    start = performance.now();
    const closed = await server.sweeper.runOnce();
    const oursMs = performance.now() - start;
    const left = await countOf(db, `conversations WHERE state = 'waiting' AND auto_close_at <= now()`);

    line('sweeper', `${int(closed)} closed in ${ms(oursMs)}`, `raw UPDATE of ${int(copied)} rows ${ms(rawMs)}`, `ratio ${ratio(rawMs / oursMs)}`, '(goal >= 0.3x)');
    figure(`server.sweeper.${backend.name}`, oursMs, 'ms', rawMs, rawMs / oursMs);
    if (left) line('', `${int(left)} due conversations left open`);
  });
}
