import { beforeEach, describe, expect, it } from 'vitest';
import { FakeTimers } from '../testing/fake-timers';
import { ServerClock } from './clock';
import { DeadlineEngine, type Deadline, type DueAlert } from './engine';

const T0 = Date.parse('2026-11-25T12:00:00.000Z');
const MIN = 60_000;

describe('deadline engine', () => {
  let timers: FakeTimers;
  let clock: ServerClock;
  let engine: DeadlineEngine;
  let fired: DueAlert[][];

  const deadline = (id: string, at: number, kind: Deadline['kind'] = 'window'): Deadline => ({
    conversationId: id, kind, at, contactName: `Contact ${id}`, assignee: { id: 'u1', name: 'Ana Ribeiro' },
  });
  const leadsFired = () => fired.flat().map((a) => [a.deadline.conversationId, a.leadMinutes, Math.round(a.msLeft / MIN)]);

  beforeEach(() => {
    timers = new FakeTimers(T0);
    clock = new ServerClock(timers);
    fired = [];
    engine = new DeadlineEngine(timers, clock, (alerts) => fired.push(alerts));
    engine.setLeads([60, 15, 5]);
  });

  it('fires each lead once, at its moment, and nothing after the deadline', () => {
    engine.replaceAll([deadline('c1', T0 + 2 * 60 * MIN)]);
    engine.check();
    expect(timers.armed).toBe(1);
    timers.advance(60 * MIN - 1);
    expect(fired).toEqual([]);
    timers.advance(1);
    expect(leadsFired()).toEqual([['c1', 60, 60]]);
    timers.advance(45 * MIN);
    timers.advance(10 * MIN);
    expect(leadsFired()).toEqual([['c1', 60, 60], ['c1', 15, 15], ['c1', 5, 5]]);
    timers.advance(60 * MIN);
    engine.check();
    expect(fired).toHaveLength(3);
    expect(engine.upcoming()).toEqual([]);
    expect(timers.armed).toBe(0);
  });

  it('after a sleep across two leads says once what is really left', () => {
    engine.replaceAll([deadline('c1', T0 + 2 * 60 * MIN)]);
    engine.check();
    timers.sleep(110 * MIN); // lid closed through the 60- and 15-minute marks
    timers.advance(0); // wake-up: the late timer runs
    engine.check(); // and the resume handler re-checks: still nothing twice
    expect(leadsFired()).toEqual([['c1', 15, 10]]);
    timers.advance(5 * MIN);
    expect(leadsFired()).toEqual([['c1', 15, 10], ['c1', 5, 5]]);
  });

  it('fires nothing for a deadline slept through entirely', () => {
    engine.replaceAll([deadline('c1', T0 + 30 * MIN)]);
    timers.sleep(3 * 60 * MIN);
    engine.check();
    expect(fired).toEqual([]);
  });

  it('corrects for a server clock ahead of ours, and for a jump of the server clock', () => {
    clock.observe(T0 + 60 * MIN); // the server is an hour ahead
    engine.replaceAll([deadline('c1', T0 + 60 * MIN + 2 * 60 * MIN)]); // two hours from the server's now
    engine.check();
    timers.advance(60 * MIN - 1);
    expect(fired).toEqual([]);
    timers.advance(1);
    expect(leadsFired()).toEqual([['c1', 60, 60]]);

    // The sandbox clock jumps 50 minutes: the 15-minute lead is due at once (10 min left).
    clock.observe(timers.now() + 60 * MIN + 50 * MIN);
    engine.check();
    expect(leadsFired()).toEqual([['c1', 60, 60], ['c1', 15, 10]]);
  });

  it('does not repeat alerts when a reconnect re-reads the same deadlines', () => {
    engine.replaceAll([deadline('c1', T0 + 10 * MIN), deadline('c2', T0 + 50 * MIN)]);
    engine.check();
    expect(leadsFired()).toEqual([['c1', 15, 10], ['c2', 60, 50]]);
    engine.replaceAll([deadline('c1', T0 + 10 * MIN), deadline('c2', T0 + 50 * MIN)]);
    engine.check();
    expect(fired).toHaveLength(1);
  });

  it('forgets a conversation closed early: its timer never fires', () => {
    engine.replaceAll([deadline('c1', T0 + 2 * 60 * MIN)]);
    engine.check();
    engine.remove('c1');
    engine.check();
    expect(timers.armed).toBe(0);
    timers.advance(3 * 60 * MIN);
    expect(fired).toEqual([]);
  });

  it('fires no lead that was already reached when the deadline was set (a 5-minute wait with leads 60, 15, 5)', () => {
    engine.upsert({ ...deadline('c1', T0 + 5 * MIN, 'auto_close'), since: T0 });
    engine.check();
    expect(fired).toEqual([]);
    expect(timers.armed).toBe(1); // only to drop the deadline when it passes
    timers.advance(5 * MIN);
    expect(fired).toEqual([]);
  });

  it('fires a lead that was still ahead when the deadline was set, at its moment', () => {
    engine.upsert({ ...deadline('c1', T0 + 5 * MIN + 30_000, 'auto_close'), since: T0 });
    engine.check();
    expect(fired).toEqual([]);
    timers.advance(30_000);
    expect(leadsFired()).toEqual([['c1', 5, 5]]);
  });

  it('remembers when a deadline was set across a re-sync whose source does not say', () => {
    engine.upsert({ ...deadline('c1', T0 + 10 * MIN, 'auto_close'), since: T0 });
    engine.check();
    engine.replaceAll([deadline('c1', T0 + 10 * MIN, 'auto_close')]);
    engine.check();
    expect(fired).toEqual([]);
    timers.advance(5 * MIN);
    expect(leadsFired()).toEqual([['c1', 5, 5]]);
  });

  it('starts over when a customer message moves the deadline', () => {
    engine.replaceAll([deadline('c1', T0 + 10 * MIN)]);
    engine.check();
    engine.upsert(deadline('c1', T0 + 24 * 60 * MIN));
    engine.check();
    timers.advance(23 * 60 * MIN);
    expect(leadsFired()).toEqual([['c1', 15, 10], ['c1', 60, 60]]);
  });

  describe('at a supervisor\'s scale: 100,000 deadlines', () => {
    const N = 100_000;
    /** Deadline i: between 2 and ~102 hours away, spread so that leads of different deadlines interleave. */
    const many = () => Array.from({ length: N }, (_, i) => deadline(`c${i}`, T0 + 2 * 60 * MIN + ((i * 7919) % N) * 3_600));

    it('fires every lead of every deadline exactly once, in time order, with one timer armed', () => {
      engine.replaceAll(many());
      engine.check();
      expect(timers.armed).toBe(1);
      let armedAtMostOne = true;
      for (let step = 0; step < 110; step++) {
        timers.advance(60 * MIN);
        armedAtMostOne &&= timers.armed <= 1;
      }
      expect(armedAtMostOne).toBe(true);
      // Checked in plain code, one expectation each: 300,000 alerts.
      const seen = new Set<string>();
      const problems: string[] = [];
      let last = -Infinity;
      for (const alert of fired.flat()) {
        const at = alert.deadline.at - alert.leadMinutes * MIN;
        if (seen.has(alert.key)) problems.push(`twice: ${alert.key}`);
        if (at < last) problems.push(`out of order: ${alert.key}`);
        if (alert.msLeft !== alert.leadMinutes * MIN) problems.push(`late: ${alert.key}`);
        seen.add(alert.key);
        last = at;
      }
      expect(problems.slice(0, 5)).toEqual([]);
      expect(seen.size).toBe(3 * N);
      expect(engine.upcoming()).toEqual([]);
      expect(timers.armed).toBe(0);
    });

    it('answers single changes among them: a moved deadline fires again, a removed one never, the timer follows the nearest', () => {
      engine.replaceAll(many());
      engine.check();
      engine.upsert(deadline('c42', T0 + 61 * MIN)); // now the nearest: its 60-minute lead in one minute
      engine.remove('c7');
      for (let i = 0; i < 1000; i++) engine.remove(`c${1000 + i}`); // stale queue entries pile up, then compact
      engine.check();
      expect(timers.armed).toBe(1);
      timers.advance(MIN);
      expect(leadsFired()).toEqual([['c42', 60, 60]]);
      expect(engine.countWithin(60 * MIN)).toBe(1);
      timers.advance(200 * 60 * MIN);
      const keys = fired.flat().map((a) => a.deadline.conversationId);
      expect(keys.filter((id) => id === 'c7' || id === 'c1500')).toEqual([]);
      expect(keys.filter((id) => id === 'c42')).toHaveLength(3);
      expect(fired.flat()).toHaveLength(3 * (N - 1001));
    });

    it('after a sleep through them all says nothing, and after a re-sync repeats nothing', () => {
      engine.replaceAll(many());
      engine.check();
      timers.advance(2 * 60 * MIN); // the first hour's leads fire
      const before = fired.flat().length;
      expect(before).toBeGreaterThan(0);
      engine.replaceAll(many()); // a reconnect re-reads the same deadlines
      engine.check();
      expect(fired.flat()).toHaveLength(before);
      timers.sleep(200 * 60 * MIN);
      engine.check();
      expect(fired.flat()).toHaveLength(before);
      expect(timers.armed).toBe(0);
    });
  });
});
