import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    // Node for everything; a renderer component test (*.test.tsx) asks for jsdom itself with a
    // `// @vitest-environment jsdom` comment at its top.
    exclude: ['node_modules/**', 'out/**', 'tests/e2e/**'],
    // PGlite boots a WASM PostgreSQL per test file: give hooks room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
