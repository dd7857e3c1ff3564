/**
 * `--json` for `npm run bench` (issue 15): every headline figure is also recorded as
 * {name, value, baseline, unit, ratio} and, with `--json` on the command line, printed as one JSON
 * array at the end (the text report stays on stdout above it, each JSON object on its own line
 * between `BENCH_JSON_BEGIN` and `BENCH_JSON_END`). Nothing here asserts.
 */
export interface Figure {
  name: string;
  value: number;
  /** The same-run baseline it is compared with (null where the figure is its own comparison). */
  baseline: number | null;
  unit: string;
  /** value / baseline as the text report states it (for "higher is better" figures too). */
  ratio: number | null;
}

const figures: Figure[] = [];

export function figure(name: string, value: number, unit: string, baseline: number | null = null, ratio: number | null = baseline ? value / baseline : null): void {
  figures.push({ name, value, baseline, unit, ratio });
}

export const wantsJson = () => process.argv.includes('--json');

/** Prints the recorded figures when `--json` was given. */
export function printFigures(): void {
  if (!wantsJson()) return;
  console.log('BENCH_JSON_BEGIN');
  for (const f of figures) console.log(JSON.stringify(f));
  console.log('BENCH_JSON_END');
}
