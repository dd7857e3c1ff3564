import { describe, expect, it } from 'vitest';
import { nextActive } from './listKeys';

describe('nextActive', () => {
  it('steps with the arrows and stops at the ends', () => {
    expect(nextActive('ArrowDown', 0, 3)).toBe(1);
    expect(nextActive('ArrowDown', 2, 3)).toBe(2);
    expect(nextActive('ArrowUp', 1, 3)).toBe(0);
    expect(nextActive('ArrowUp', 0, 3)).toBe(0);
  });

  it('jumps with Home and End', () => {
    expect(nextActive('Home', 2, 3)).toBe(0);
    expect(nextActive('End', 0, 3)).toBe(2);
  });

  it('ignores other keys and empty lists', () => {
    expect(nextActive('Enter', 0, 3)).toBeNull();
    expect(nextActive('ArrowDown', 0, 0)).toBeNull();
  });
});
