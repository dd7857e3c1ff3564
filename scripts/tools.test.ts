import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toolPaths } from './tools';

describe('npm start', () => {
  it('finds the build tool and the TypeScript runner it starts', () => {
    for (const path of Object.values(toolPaths())) expect(existsSync(path), path).toBe(true);
  });
});
