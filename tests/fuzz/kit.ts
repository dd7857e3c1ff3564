/**
 * What the fuzz suites share (issue 13): the run settings, the runner, and hostile values.
 * Used by server/test/fuzz.test.ts (HTTP routes, Meta webhooks) and electron/core/ipc/fuzz.test.ts
 * (IPC dispatch). Every property runs on a fixed seed (FUZZ_SEED to change it), printed with any
 * failure, which fast-check also shrinks to a small counterexample.
 *
 * `npm test` keeps each property to a few seconds (at most RUNS cases, stopped after
 * TIME_LIMIT_MS); `npm run fuzz` (or FUZZ_RUNS set) is the long run, with no time limit.
 */
import fc from 'fast-check';

// ---- run settings -----------------------------------------------------------------------------

/** `npm run fuzz` (or FUZZ_RUNS set): the long run, FUZZ_RUNS cases per unit (default 5000). */
export const LONG = Boolean(process.env.FUZZ_RUNS) || process.env.npm_lifecycle_event === 'fuzz';
/** Cases per unit: per suite and backend for the server, per channel for IPC. */
export const RUNS = Number(process.env.FUZZ_RUNS) || (LONG ? 5_000 : 150);
export const SEED = Number(process.env.FUZZ_SEED ?? 20261313);
/** A bound on the default run, not an assertion: fast-check stops generating after this long. */
export const TIME_LIMIT_MS = LONG ? undefined : 4_000;
export const TEST_TIMEOUT_MS = LONG ? 6 * 3600_000 : 90_000;

/** The default run always checks at least this many cases, however slow the machine, before the time limit applies. */
const MIN_RUNS = 20;

/**
 * Checks `property` on generated values; a failure names the seed and run count that reproduce it.
 * In the default run the first MIN_RUNS cases run whatever they take; the rest stop at the time
 * limit (on a loaded machine fast-check would otherwise stop before the first case and fail).
 */
export async function fuzz<T>(arbitrary: fc.Arbitrary<T>, property: (value: T) => Promise<void>, numRuns = RUNS) {
  const check = fc.asyncProperty(arbitrary, property);
  const first = TIME_LIMIT_MS === undefined ? numRuns : Math.min(MIN_RUNS, numRuns);
  try {
    await fc.assert(check, { seed: SEED, numRuns: first, endOnFailure: false });
    if (first >= numRuns) return;
    const rest = await fc.check(check, { seed: SEED + 1, numRuns: numRuns - first, interruptAfterTimeLimit: TIME_LIMIT_MS, endOnFailure: false });
    // Interrupted before a counterexample: the time ran out, nothing failed.
    if (rest.failed && !(rest.interrupted && rest.counterexample === null)) throw new Error(fc.defaultReportMessage(rest), { cause: rest.errorInstance });
  } catch (error) {
    // fast-check keeps what the property threw (the failed expectation) as the cause: show it too.
    const cause = (error as Error).cause;
    const why = cause instanceof Error ? `\nCause: ${cause.message.slice(0, 3000)}` : '';
    throw new Error(`Fuzz failure (reproduce with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}): ${(error as Error).message.slice(0, 6000)}${why}`, { cause });
  }
}

// ---- hostile values ---------------------------------------------------------------------------

const MB = 1 << 20;
export const hostileConstants = fc.constantFrom(
  '\u0000', 'a\u0000b', '\uD800', 'x\uDC00', '\uDBFF\uDBFF', "' OR '1'='1", "'; DROP TABLE messages; --", '"', '\\', '\\u0000',
  '{"a":', '[]', '{}', '%', '_', '%00', '\r\n', '\t', '99999999999999999999', '-1', '0', '1e309', '-0', 'NaN', 'Infinity',
  '0000-01-01', '9999-12-31T23:59:59Z', '2026-02-30', 'null', 'true', '__proto__', 'constructor', '../../etc/passwd',
  '<img src=x onerror=alert(1)>', '${7*7}', '💥', '\u202Eevil', ' ', '', 'me', 'none', 'ALL',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
);
/** Rare (each a megabyte). */
export const megabyte = fc.constantFrom('x'.repeat(MB), '\u0000'.repeat(MB), '\uD800'.repeat(MB / 2), "'".repeat(MB));
export const hostileString = fc.oneof(
  { arbitrary: hostileConstants, weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ maxLength: 300 }), weight: 2 },
  { arbitrary: megabyte, weight: 1 },
);
export const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e21, 0.5, -0, Number.MIN_VALUE, 2 ** 32, 2 ** 31);
