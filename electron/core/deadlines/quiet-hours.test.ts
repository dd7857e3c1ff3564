import { describe, expect, it } from 'vitest';
import { isQuietTime } from './quiet-hours';

describe('quiet hours', () => {
  it('span midnight when the end is before the start', () => {
    expect(isQuietTime(23 * 60, '22:00', '07:00')).toBe(true);
    expect(isQuietTime(6 * 60 + 59, '22:00', '07:00')).toBe(true);
    expect(isQuietTime(7 * 60, '22:00', '07:00')).toBe(false);
    expect(isQuietTime(12 * 60, '22:00', '07:00')).toBe(false);
  });

  it('work within a day, and an empty range is never quiet', () => {
    expect(isQuietTime(12 * 60 + 30, '12:00', '13:00')).toBe(true);
    expect(isQuietTime(13 * 60, '12:00', '13:00')).toBe(false);
    expect(isQuietTime(12 * 60, '12:00', '12:00')).toBe(false);
  });
});
