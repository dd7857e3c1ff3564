import { describe, expect, it } from 'vitest';
import { clockOffset, isBefore, splitDuration, timeLeft, urgency, WINDOW_MS, windowExpiresAt } from './window';

const t0 = Date.parse('2026-11-25T12:00:00Z');
const minute = 60_000;

describe('24-hour window', () => {
  it('expires 24 h after the last customer message', () => {
    expect(windowExpiresAt(t0)).toBe(Date.parse('2026-11-26T12:00:00Z'));
  });

  it('is open a minute before the deadline and closed exactly at it', () => {
    const deadline = windowExpiresAt(t0);
    expect(isBefore(deadline - minute, deadline)).toBe(true);
    expect(isBefore(deadline, deadline)).toBe(false);
    expect(isBefore(deadline + 1, deadline)).toBe(false);
    expect(isBefore(t0, null)).toBe(false);
  });

  it('counts down and never goes negative', () => {
    const deadline = t0 + WINDOW_MS;
    expect(timeLeft(deadline, deadline - minute)).toBe(minute);
    expect(timeLeft(deadline, deadline + minute)).toBe(0);
  });

  it('becomes urgent in the last hour and expired at the deadline', () => {
    const deadline = t0 + WINDOW_MS;
    expect(urgency(deadline, deadline - 61 * minute)).toBe('normal');
    expect(urgency(deadline, deadline - 60 * minute)).toBe('urgent');
    expect(urgency(deadline, deadline - minute)).toBe('urgent');
    expect(urgency(deadline, deadline)).toBe('expired');
  });
});

describe('clock skew', () => {
  it('measures how far the server is ahead of (or behind) the local clock', () => {
    expect(clockOffset('2026-11-25T12:05:00Z', t0)).toBe(5 * minute);
    expect(clockOffset('2026-11-25T11:58:00Z', t0)).toBe(-2 * minute);
  });

  it('corrects a countdown: a local clock 5 min behind still shows the server deadline', () => {
    const localNow = t0;
    const offset = clockOffset('2026-11-25T12:05:00Z', localNow);
    const deadline = Date.parse('2026-11-25T13:00:00Z');
    expect(timeLeft(deadline, localNow + offset)).toBe(55 * minute);
  });

  it('ignores an unreadable server time', () => {
    expect(clockOffset('not a date', t0)).toBe(0);
  });
});

describe('splitDuration', () => {
  it('splits into days, hours, minutes and seconds', () => {
    expect(splitDuration(((1 * 24 + 3) * 60 + 12) * minute + 5_000)).toEqual({ days: 1, hours: 3, minutes: 12, seconds: 5 });
    expect(splitDuration(-5)).toEqual({ days: 0, hours: 0, minutes: 0, seconds: 0 });
  });
});
