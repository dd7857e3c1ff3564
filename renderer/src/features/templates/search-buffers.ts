/**
 * Memory the template search reuses from keystroke to keystroke: the lists a keystroke keeps for
 * the next ones (a term's occurrences, its scores by template) live in typed arrays taken from a
 * pool and given back when the cache drops them, so typing allocates almost nothing once the
 * picker has been used a little. (Allocating a fresh array per term made V8 collect garbage in
 * the middle of keystrokes: plain arrays the caches kept were copied by every young-generation
 * collection, and new typed arrays each count as outside memory.)
 */

/** Typed arrays of a few sizes, handed out and taken back; a buffer given back is reused only from the next search on. */
export class BufferPool {
  private readonly free32: Int32Array[] = [];
  private readonly free64: Float64Array[] = [];
  private retired32: Int32Array[] = [];
  private retired64: Float64Array[] = [];

  /** `n` ints, as a view of a pooled buffer (give the view back with retire). */
  int32(n: number): Int32Array {
    const buffer = take(this.free32, n) ?? new Int32Array(capacity(n));
    return buffer.subarray(0, n);
  }

  float64(n: number): Float64Array {
    const buffer = take(this.free64, n) ?? new Float64Array(capacity(n));
    return buffer.subarray(0, n);
  }

  /** Gives back views the caller no longer reaches (one still read in the current search stays valid until newSearch). */
  retire(...views: (Int32Array | Float64Array)[]): void {
    for (const view of views) {
      if (view.byteLength === 0) continue;
      if (view instanceof Int32Array) this.retired32.push(new Int32Array(view.buffer));
      else this.retired64.push(new Float64Array(view.buffer));
    }
    // Searches that never call newSearch must not make the pool grow without end.
    if (this.retired32.length > MAX_FREE) this.retired32 = this.retired32.slice(-MAX_FREE);
    if (this.retired64.length > MAX_FREE) this.retired64 = this.retired64.slice(-MAX_FREE);
  }

  /** A search starts: what earlier searches gave back can be handed out again. */
  newSearch(): void {
    keep(this.free32, this.retired32);
    keep(this.free64, this.retired64);
    this.retired32 = [];
    this.retired64 = [];
  }
}

/** Pooled buffers kept free at most, per kind; more are left to the garbage collector. */
const MAX_FREE = 16;

/** Sizes are powers of two, so a buffer fits many lists of about the same length. */
function capacity(n: number): number {
  return Math.max(64, 2 ** Math.ceil(Math.log2(n)));
}

/** The smallest free buffer of at least `n`, taken out of the list. */
function take<T extends Int32Array | Float64Array>(free: T[], n: number): T | undefined {
  let best = -1;
  for (let i = 0; i < free.length; i++) if (free[i]!.length >= n && (best < 0 || free[i]!.length < free[best]!.length)) best = i;
  if (best < 0) return undefined;
  const [buffer] = free.splice(best, 1);
  return buffer;
}

function keep<T>(free: T[], more: T[]): void {
  free.push(...more);
  if (free.length > MAX_FREE) free.splice(0, free.length - MAX_FREE);
}

/** A few recently used entries (a Map keeps insertion order: the first is the oldest); set gives back the one it drops. */
export class Recent<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly size: number) {}

  get(key: string): T | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Keeps `value`; returns the entry dropped to make room, if any. */
  set(key: string, value: T): T | undefined {
    const replaced = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, value);
    if (replaced !== undefined && replaced !== value) return replaced;
    if (this.entries.size <= this.size) return undefined;
    const oldest = this.entries.keys().next().value!;
    const dropped = this.entries.get(oldest);
    this.entries.delete(oldest);
    return dropped;
  }
}
