// Lint: mostly the process boundaries of house-style.md. shared/ runs in every program, so it
// may not import Electron, Node or anything DOM-only; renderer/ talks only to window.api, so it
// may not import electron/ or server/ code. (tsconfig.shared.json also gives shared/ no DOM lib
// and no Node types, so a stray global fails the type check too.)
import tseslint from 'typescript-eslint';

const nodeModules = ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'events', 'stream', 'url', 'util', 'worker_threads'].map(
  (name) => ({ name, message: 'No Node APIs here.' }),
);

/** One date and time format per language: renderer/src/ui/time.ts (formatDate, formatTime, formatDateTime, dayLabel, relativeTime). */
const dateFormats = {
  name: 'date-fns',
  importNames: ['format', 'formatDistance', 'formatDistanceStrict', 'formatRelative', 'intlFormat', 'lightFormat'],
  message: 'Dates and times are written through renderer/src/ui/time.ts, one format per language.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read loosely typed JSON answers.
    files: ['**/*.test.ts', 'server/test/**/*.ts', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'shared/ must not depend on Electron.' }, ...nodeModules],
        patterns: [
          { group: ['node:*'], message: 'shared/ must not use Node APIs.' },
          { group: ['react', 'react-dom', 'react-dom/*'], message: 'shared/ must not depend on the DOM.' },
          { group: ['**/electron/**', '**/server/**', '**/renderer/**'], message: 'shared/ must not import program code.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer talks only to window.api.' }, dateFormats, ...nodeModules],
        patterns: [
          { group: ['node:*'], message: 'The renderer runs sandboxed: no Node APIs.' },
          { group: ['**/electron/**', '**/server/**'], message: 'The renderer may import shared/ only, never electron/ or server/.' },
        ],
      }],
      'no-restricted-properties': ['error', ...['toLocaleDateString', 'toLocaleTimeString'].map((property) => ({ property, message: dateFormats.message }))],
    },
  },
  {
    // The one home of date formats.
    files: ['renderer/src/ui/time.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'The renderer talks only to window.api.' }, ...nodeModules] }],
    },
  },
);
