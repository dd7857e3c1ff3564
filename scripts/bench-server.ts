/**
 * `npm run bench`, server part: each write-path figure of issue 11 beside its baseline, measured
 * in the same run on the same database, on PGlite and (with DATABASE_URL) on PostgreSQL, each part
 * on a fresh server (PostgreSQL: its own schema, dropped afterwards). Prints figures; asserts
 * nothing, because timings on shared machines are noise, not facts.
 */
import { printFigures } from './bench-figures';
import { backends, type Backend } from './bench-server/common';
import { benchInbox } from './bench-server/inbox';
import { benchIngest } from './bench-server/ingest';
import { benchIngestWebhooks } from './bench-server/ingest-webhooks';
import { benchSse } from './bench-server/sse';
import { benchStatuses } from './bench-server/statuses';
import { benchSweeper } from './bench-server/sweeper';

const parts: [string, (backend: Backend) => Promise<void>][] = [
  ['ingest', benchIngest],
  ['webhooks', benchIngestWebhooks],
  ['statuses', benchStatuses],
  ['sweeper', benchSweeper],
  ['SSE', benchSse],
  ['inbox', benchInbox],
];

// `tsx scripts/bench-server.ts sweeper inbox` runs only those parts (`--json` adds the figures as JSON).
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
let failed = false;
for (const backend of backends()) {
  console.log(`\nserver write path on ${backend.name}`);
  for (const [name, run] of parts.filter(([name]) => !only.length || only.includes(name))) {
    try {
      await run(backend);
    } catch (error) {
      failed = true;
      console.log(`  ${name.padEnd(9)} could not run: ${(error as Error).stack ?? error}`);
    }
  }
}
if (!process.env.DATABASE_URL) console.log('\n(PostgreSQL skipped: set DATABASE_URL to measure it too)');
printFigures();
process.exit(failed ? 1 : 0);
