import type { Timers } from '../deadlines/clock';

/**
 * A clock for tests. `advance` moves time and fires due timers in order, as a running machine
 * would; `sleep` moves time without firing anything, as a laptop with its lid closed does (its
 * timers only run late, after wake-up, which `advance(0)` then simulates).
 */
export class FakeTimers implements Timers {
  private time: number;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  constructor(start: string | number) {
    this.time = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): number {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const next = [...this.pending.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!next) break;
      this.pending.delete(next[0]);
      this.time = Math.max(this.time, next[1].at);
      next[1].callback();
    }
    this.time = target;
  }

  sleep(ms: number): void {
    this.time += ms;
  }

  get armed(): number {
    return this.pending.size;
  }
}
