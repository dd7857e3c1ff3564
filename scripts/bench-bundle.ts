/**
 * `npm run bench`, bundle part (issue 15): what the desktop loads, from a fresh production build
 * (`electron-vite build`; `--no-build` reads `out/` as it is). The first screen is what
 * out/renderer/index.html loads before any screen is opened (its script, styles and preloaded
 * chunks), beside the whole renderer as the same run's baseline; the preload beside its limit.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { figure, printFigures } from './bench-figures';

const OUT = join(import.meta.dirname, '..', 'out');
/** kB as Vite prints them (1,000 bytes). */
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['electron-vite', 'build'], { encoding: 'utf8' });
  if (build.status !== 0) {
    console.log(`bundle: electron-vite build failed:\n${build.stderr || build.stdout}`);
    process.exit(1);
  }
}

const renderer = join(OUT, 'renderer');
const html = readFileSync(join(renderer, 'index.html'), 'utf8');
const loaded = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="(?:stylesheet|modulepreload)"[^>]*\shref)="\.\/([^"]+)"/g)].map((m) => m[1]!);
const size = (file: string) => statSync(join(renderer, file)).size;
const first = loaded.reduce((sum, file) => sum + size(file), 0);
const assets = readdirSync(join(renderer, 'assets')).filter((f) => /\.(js|css)$/.test(f));
const total = assets.reduce((sum, file) => sum + size(join('assets', file)), 0);
const preload = readFileSync(join(OUT, 'preload', 'index.cjs'), 'utf8');

console.log('desktop bundle (electron-vite build: minified, no source maps, a chunk per screen):');
console.log(`  first screen ${kB(first)} (${loaded.map((f) => `${f.replace(/^assets\//, '')} ${kB(size(f))}`).join(' + ')})   whole renderer ${kB(total)} in ${assets.length} files   ratio ${(first / total).toFixed(2)}x   (goal: first screen <= 400 kB: ${first <= 400_000 ? 'met' : 'not met'})`);
console.log(`  preload ${kB(preload.length)}${/zod/i.test(preload) ? ', bundles zod' : ', no zod'}   (goal <= 20 kB, the preload only forwards: ${preload.length <= 20_000 && !/zod/i.test(preload) ? 'met' : 'not met'})`);
figure('bundle.first_screen', first / 1000, 'kB', total / 1000);
figure('bundle.preload', preload.length / 1000, 'kB', 20);
printFigures();
