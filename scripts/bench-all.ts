/**
 * `npm run bench [-- --json]`: the desktop figures, the renderer's (the inbox in jsdom; tsx reads
 * the renderer's tsconfig for its JSX), then the server's, with the same arguments.
 */
import { spawnSync } from 'node:child_process';

let status = 0;
for (const script of [['scripts/bench.ts'], ['scripts/bench-bundle.ts'], ['--tsconfig', 'tsconfig.web.json', 'scripts/bench-inbox.ts'], ['scripts/bench-server.ts']]) {
  const run = spawnSync('npx', ['tsx', ...script, ...process.argv.slice(2)], { stdio: 'inherit' });
  status ||= run.status ?? 1;
}
process.exit(status);
