/** `npm run bench [-- --json]`: the desktop figures, then the server's, with the same arguments. */
import { spawnSync } from 'node:child_process';

let status = 0;
for (const script of ['scripts/bench.ts', 'scripts/bench-server.ts']) {
  const run = spawnSync('npx', ['tsx', script, ...process.argv.slice(2)], { stdio: 'inherit' });
  status ||= run.status ?? 1;
}
process.exit(status);
