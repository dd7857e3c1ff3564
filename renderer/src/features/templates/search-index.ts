/**
 * The template search's index, built once per template list: every template's folded name and
 * body in one array of character codes, with where each pair of neighbouring characters occurs,
 * where each character starts a word, and where each character first occurs (and first starts a
 * word) in each field. A term's occurrences are its first pair's, or a shorter term's (the
 * previous keystroke's), narrowed by the pair each further letter makes: sorted lists merged, read
 * in order. A term's scores by template are kept for the next keystrokes (a backspace, a filter
 * change, a second word); neither depends on the filters. Only the places where a term's
 * characters actually are get visited, never a template's whole text, and no list as long as the
 * texts is read at scattered places (each such read misses the processor's cache). What a
 * keystroke keeps lives in pooled typed arrays (search-buffers.ts).
 */
import { BufferPool, Recent } from './search-buffers';
import { isWordChar, NAME_WEIGHT, inOrderScore, substringScore } from './search-text';

const EMPTY: Int32Array = new Int32Array(0);

/** The templates a term matches, in order, with its best score in each. */
export interface TermScores {
  templates: Int32Array;
  values: Float64Array;
}

const NO_SCORES: TermScores = { templates: EMPTY, values: new Float64Array(0) };

/** Positions of a term's last letter where its letters can be found in order, each with the best first letter that leads there (its key: see firstTwo). */
interface InOrderEnds {
  positions: Int32Array;
  keys: Int32Array;
}

const NO_ENDS: InOrderEnds = { positions: EMPTY, keys: EMPTY };

/** Positions grouped by a small key (a counting sort): count every key, then put every position. */
class Buckets {
  private readonly offsets: Int32Array;
  private positions = EMPTY;
  private filled: Int32Array | null = null;
  constructor(keys: number) {
    this.offsets = new Int32Array(keys + 1);
  }

  count(key: number): void {
    this.offsets[key + 1]!++;
  }

  put(key: number, p: number): void {
    if (!this.filled) {
      for (let k = 1; k < this.offsets.length; k++) this.offsets[k]! += this.offsets[k - 1]!;
      this.positions = new Int32Array(this.offsets[this.offsets.length - 1]!);
      this.filled = this.offsets.slice(0, -1);
    }
    this.positions[this.filled[key]!++] = p;
  }

  /** How many positions all keys have. */
  get size(): number {
    return this.positions.length;
  }

  /** The positions with this key, in the order put (sorted when put in order). */
  get(key: number): Int32Array {
    return key < 0 ? EMPTY : this.positions.subarray(this.offsets[key]!, this.offsets[key + 1]!);
  }
}

/** Letters-in-order ends as they are found, in order of position: a position found twice keeps its better key. */
class EndsBuilder {
  private positions = new Int32Array(1024);
  private keys = new Int32Array(1024);
  private n = 0;

  /** Starts a list of at most `size` ends. */
  start(size: number): void {
    if (this.positions.length < size) {
      this.positions = new Int32Array(size * 2);
      this.keys = new Int32Array(size * 2);
    }
    this.n = 0;
  }

  put(p: number, key: number): void {
    const n = this.n;
    if (n > 0 && this.positions[n - 1] === p) {
      if (key < this.keys[n - 1]!) this.keys[n - 1] = key;
    } else {
      this.positions[n] = p;
      this.keys[n] = key;
      this.n = n + 1;
    }
  }

  /** The ends put, copied into the pool's buffers. */
  finish(pool: BufferPool): InOrderEnds {
    const { n } = this;
    if (!n) return NO_ENDS;
    const positions = pool.int32(n);
    const keys = pool.int32(n);
    positions.set(this.positions.subarray(0, n));
    keys.set(this.keys.subarray(0, n));
    return { positions, keys };
  }
}

/** Scratch by-template score arrays kept for a search's terms (see denseScores). */
const KEPT_SLOTS = 8;

/** In `chars`: a character's code, and the bit set where it starts a word. */
const CODE = 0xffff;
const WORD_START = 1 << 16;

export class TextIndex {
  /**
   * Field 2i is template i's name, field 2i+1 its body; each is followed by a 0 no term contains.
   * Each character's code with its word-start bit, so checking a term somewhere also tells
   * whether it starts a word there (one place in memory read, not two).
   */
  private readonly chars: Uint32Array;
  /** 1 where a word starts, for the highlight of the rows shown. */
  private readonly starts: Uint8Array;
  private readonly fieldStart: Int32Array;
  private readonly fieldLength: Int32Array;
  private readonly templateCount: number;
  /** A small number for each character code the texts hold (-1 for others), and how many there are. */
  private readonly idOf = new Int32Array(65536).fill(-1);
  private readonly distinct: number;
  /**
   * By pair of characters: where the first is, followed by the second (many pairs share a list
   * when the texts hold many different characters: check the codes), as a position twice plus
   * 1 where it starts a word, as are the occurrences found from them (see packed).
   */
  private readonly pairs: Buckets;
  private readonly pairSlots: number;
  /** By character: where it starts a word. */
  private readonly wordStarts: Buckets;
  /** By character: in each field that has it, where it first occurs / first starts a word. */
  private readonly firsts: Buckets;
  private readonly firstWordStarts: Buckets;
  /** The last terms' occurrences, scores and letters-in-order ends: a keystroke extends the previous term, a backspace or a filter change returns to it. */
  private readonly found = new Recent<Int32Array>(16);
  private readonly asTyped = new Recent<TermScores>(16);
  private readonly eitherWay = new Recent<TermScores>(8);
  private readonly ends = new Recent<InOrderEnds>(8);
  private readonly pool = new BufferPool();
  /** Scratch for the lists being built (what is kept is a copy of the right size). */
  private readonly scratch = [new Int32Array(1024), new Int32Array(1024)];
  private readonly building = new EndsBuilder();
  private readonly scratchTemplates: Int32Array;
  private readonly scratchValues: Float64Array;
  /** Scores by template: a letters-in-order pass's, and a search's for each term (see denseScores). */
  private readonly eitherDense: Float64Array;
  private readonly dense: Float64Array[] = [];

  constructor(fields: readonly string[]) {
    let size = 0;
    for (const text of fields) size += text.length + 1;
    this.templateCount = fields.length >> 1;
    this.scratchTemplates = new Int32Array(this.templateCount);
    this.scratchValues = new Float64Array(this.templateCount);
    this.eitherDense = new Float64Array(this.templateCount);
    const chars = (this.chars = new Uint32Array(size));
    const starts = (this.starts = new Uint8Array(size));
    this.fieldStart = new Int32Array(fields.length + 1);
    this.fieldLength = new Int32Array(fields.length);
    const { idOf } = this;
    let distinct = 0;
    let at = 0;
    fields.forEach((text, field) => {
      this.fieldStart[field] = at;
      this.fieldLength[field] = text.length;
      for (let i = 0, wordBefore = false; i < text.length; i++, at++) {
        // A 0 in a text would look like the end of its field: it is stored as a character no one types.
        const code = text.charCodeAt(i) || 0xffff;
        const word = isWordChar(text.charCodeAt(i));
        starts[at] = word && !wordBefore ? 1 : 0;
        chars[at] = code | (starts[at] ? WORD_START : 0);
        wordBefore = word;
        if (idOf[code]! < 0) idOf[code] = distinct++;
      }
      at++;
    });
    // One more start, after the last field: the end of the last field's separator.
    this.fieldStart[fields.length] = at;
    this.distinct = distinct;
    this.pairSlots = Math.min(distinct * distinct, 1 << 18);
    this.pairs = new Buckets(this.pairSlots);
    this.wordStarts = new Buckets(distinct);
    this.firsts = new Buckets(distinct);
    this.firstWordStarts = new Buckets(distinct);
    const lastField = new Int32Array(distinct);
    const lastWordField = new Int32Array(distinct);
    for (const filling of [false, true]) {
      lastField.fill(-1);
      lastWordField.fill(-1);
      for (let p = 0, field = 0; p < size; p++) {
        const code = chars[p]! & CODE;
        if (!code) {
          field++;
          continue;
        }
        const id = idOf[code]!;
        const start = chars[p]! & WORD_START;
        const next = chars[p + 1]! & CODE;
        if (next) {
          const pair = this.pairSlot(code, next);
          if (filling) this.pairs.put(pair, packed(p, start));
          else this.pairs.count(pair);
        }
        if (lastField[id] !== field) {
          lastField[id] = field;
          if (filling) this.firsts.put(id, p);
          else this.firsts.count(id);
        }
        if (start) {
          if (filling) this.wordStarts.put(id, p);
          else this.wordStarts.count(id);
          if (lastWordField[id] !== field) {
            lastWordField[id] = field;
            if (filling) this.firstWordStarts.put(id, p);
            else this.firstWordStarts.count(id);
          }
        }
      }
    }
  }

  /** A search starts: what the last searches dropped from the caches may be reused. */
  newSearch(): void {
    this.pool.newSearch();
  }

  /** Where words start in a field (field 2i: template i's name, 2i+1: its body), 1 where one starts (see isWordChar). */
  wordStartsOf(field: number): Uint8Array {
    return this.starts.subarray(this.fieldStart[field]!, this.fieldStart[field]! + this.fieldLength[field]!);
  }

  /** The term's score by template (-Infinity where it does not match), in the search's `slot`: valid until that slot is asked for again. */
  denseScores(term: TermScores, slot: number): Float64Array {
    // A few slots are kept for the next searches; a query of many words gets the rest anew.
    if (slot < KEPT_SLOTS && !this.dense[slot]) this.dense[slot] = new Float64Array(this.templateCount);
    const dense = this.dense[slot] ?? new Float64Array(this.templateCount);
    dense.fill(-Infinity);
    const { templates, values } = term;
    for (let n = 0; n < templates.length; n++) dense[templates[n]!] = values[n]!;
    return dense;
  }

  /**
   * The field that holds position `p`, from field `from` on (sorted positions walk the fields
   * forward: no lookup in an array as long as the texts, whose reads would each miss the cache).
   */
  private fieldAt(p: number, from: number): number {
    const { fieldStart } = this;
    let lo = from;
    // Mostly a few fields on: look there first, then halve.
    for (let k = 0; k < 4; k++, lo++) if (fieldStart[lo + 1]! > p) return lo;
    let hi = fieldStart.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (fieldStart[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private pairSlot(a: number, b: number): number {
    const idA = this.idOf[a]!;
    const idB = this.idOf[b]!;
    return idA < 0 || idB < 0 ? -1 : (idA * this.distinct + idB) % this.pairSlots;
  }

  /** Where a (followed by b) may be, packed: check the codes, the list may hold other pairs. */
  private pairList(a: number, b: number): Int32Array {
    return this.pairs.get(this.pairSlot(a, b));
  }

  private byChar(buckets: Buckets, code: number): Int32Array {
    return buckets.get(this.idOf[code]!);
  }

  /** The term's score as typed in each template: in the name (weighted) or the body; in a field the occurrence that starts a word counts, else the first. */
  scoresAsTyped(term: string): TermScores {
    const cached = this.asTyped.get(term);
    if (cached) return cached;
    return this.keep(this.asTyped, term, term.length === 1 ? this.scoreLetter(term.charCodeAt(0)) : this.scoreOccurrences(this.occurrences(term)));
  }

  /** One letter's scores, into the scratch lists (returns how many): its first occurrence at a word start in each field, else its first. */
  private scoreLetter(code: number): number {
    const { fieldStart, fieldLength, scratchTemplates: templates, scratchValues: values } = this;
    const firsts = this.byChar(this.firsts, code);
    const wordFirsts = this.byChar(this.firstWordStarts, code);
    let n = 0;
    for (let i = 0, j = 0, field = 0; i < firsts.length; i++) {
      field = this.fieldAt(firsts[i]!, field);
      while (j < wordFirsts.length && wordFirsts[j]! < fieldStart[field]!) j++;
      const wordFirst = j < wordFirsts.length && wordFirsts[j]! < fieldStart[field + 1]!;
      const at = wordFirst ? wordFirsts[j]! : firsts[i]!;
      n = offer(templates, values, n, 0, field, substringScore(at - fieldStart[field]!, wordFirst, fieldLength[field]!));
    }
    return n;
  }

  /** A term's scores from its occurrences (sorted, packed), into the scratch lists (returns how many): in a field the occurrence that starts a word counts, else the first. */
  private scoreOccurrences(occurrences: Int32Array): number {
    const { fieldStart, fieldLength, scratchTemplates: templates, scratchValues: values } = this;
    let n = 0;
    let field = -1;
    let at = 0;
    let atStart = 0;
    for (let i = 0, f = 0; i <= occurrences.length; i++) {
      const p = i < occurrences.length ? occurrences[i]! >> 1 : -1;
      f = p < 0 ? -2 : this.fieldAt(p, f);
      if (f === field) {
        if (!atStart && occurrences[i]! & 1) {
          at = p;
          atStart = 1;
        }
        continue;
      }
      if (field >= 0) n = offer(templates, values, n, 0, field, substringScore(at - fieldStart[field]!, atStart === 1, fieldLength[field]!));
      field = f;
      at = p;
      atStart = p < 0 ? 0 : occurrences[i]! & 1;
    }
    return n;
  }

  /** The first `n` scratch scores, kept for `term` in pooled buffers. */
  private keep(cache: Recent<TermScores>, term: string, n: number): TermScores {
    let kept = NO_SCORES;
    if (n) {
      kept = { templates: this.pool.int32(n), values: this.pool.float64(n) };
      kept.templates.set(this.scratchTemplates.subarray(0, n));
      kept.values.set(this.scratchValues.subarray(0, n));
    }
    const dropped = cache.set(term, kept);
    if (dropped) this.pool.retire(dropped.templates, dropped.values);
    return kept;
  }

  /**
   * The term's score as typed where it is, else letters in order (two or more letters), each
   * after the first right after the previous one or at a word start; in a field the match whose
   * first letter starts a word counts, else the one that starts earliest.
   */
  scoresEitherWay(term: string): TermScores {
    if (term.length < 2) return this.scoresAsTyped(term);
    const cached = this.eitherWay.get(term);
    if (cached) return cached;
    const asTyped = this.scoresAsTyped(term);
    const dense = this.eitherDense;
    dense.fill(-Infinity);
    for (let n = 0; n < asTyped.templates.length; n++) dense[asTyped.templates[n]!] = asTyped.values[n]!;
    const { positions, keys } = this.inOrderEnds(term);
    const size = this.chars.length;
    let field = -1;
    let best = 0;
    for (let i = 0, f = 0; i <= positions.length; i++) {
      f = i < positions.length ? this.fieldAt(positions[i]!, f) : -2;
      if (f === field) {
        if (keys[i]! < best) best = keys[i]!;
        continue;
      }
      if (field >= 0) {
        const first = best >= size ? best - size : best;
        const score = inOrderScore(first - this.fieldStart[field]!, best < size, term.length, this.fieldLength[field]!);
        // Where the term is there as typed, that scores higher (see search-text.ts).
        const weighted = field & 1 ? score : score * NAME_WEIGHT;
        if (weighted > dense[field >> 1]!) dense[field >> 1] = weighted;
      }
      field = f;
      best = i < positions.length ? keys[i]! : 0;
    }
    let n = 0;
    for (let i = 0; i < dense.length; i++) {
      if (dense[i] === -Infinity) continue;
      this.scratchTemplates[n] = i;
      this.scratchValues[n++] = dense[i]!;
    }
    return this.keep(this.eitherWay, term, n);
  }

  /** Where `term` (two or more characters) occurs, sorted and packed. */
  private occurrences(term: string): Int32Array {
    const { chars } = this;
    // Each pair has a list of its own unless the texts hold over 512 different characters: no check, no copy.
    const exact = this.exactPairs();
    if (term.length === 2 && exact) return this.pairList(term.charCodeAt(0), term.charCodeAt(1));
    const cached = this.found.get(term);
    if (cached) return cached;
    let known = term.length - 1;
    let from: Int32Array | undefined;
    while (known >= 2 && !(from = this.found.get(term.slice(0, known)))) known--;
    // From a shorter term's occurrences (or the first pair's), keep those followed by each further
    // pair of the term: a merge of sorted lists read in order, where checking the text at each
    // place would read memory all over the texts.
    let current = from ?? this.pairList(term.charCodeAt(0), term.charCodeAt(1));
    let n = current.length;
    for (let k = from ? known : 2, turn = 0; k < term.length && n; k++, turn ^= 1) {
      const out = this.room(turn, n);
      n = followedBy(current, n, this.pairList(term.charCodeAt(k - 1), term.charCodeAt(k)), k - 1, out);
      current = out;
    }
    if (!exact) {
      // Lists shared by several pairs: check the term at each place left.
      const out = this.room(0, n);
      let kept = 0;
      for (let i = 0; i < n; i++) {
        const p = current[i]! >> 1;
        let k = 0;
        while (k < term.length && (chars[p + k]! & CODE) === term.charCodeAt(k)) k++;
        if (k === term.length) out[kept++] = current[i]!;
      }
      [current, n] = [out, kept];
    }
    const result = n ? this.pool.int32(n) : EMPTY;
    result.set(current.subarray(0, n));
    const dropped = this.found.set(term, result);
    if (dropped) this.pool.retire(dropped);
    return result;
  }

  /** Scratch list `which` (0 or 1), at least `size` long. */
  private room(which: number, size: number): Int32Array {
    if (this.scratch[which]!.length < size) this.scratch[which] = new Int32Array(size * 2);
    return this.scratch[which]!;
  }

  /** Forward over the term's letters, from the ends of the longest shorter term known. */
  private inOrderEnds(term: string): InOrderEnds {
    const cached = this.ends.get(term);
    if (cached) return cached;
    let known = term.length - 1;
    let ends: InOrderEnds | undefined;
    while (known > 2 && !(ends = this.ends.get(term.slice(0, known)))) known--;
    /** Whether `ends` was made here (else it is a shorter term's, kept in the cache). */
    let made = !ends;
    if (!ends) {
      ends = this.firstTwo(term.charCodeAt(0), term.charCodeAt(1));
      known = 2;
    }
    for (let k = known; k < term.length && ends.positions.length; k++) {
      const next = this.step(ends, term.charCodeAt(k - 1), term.charCodeAt(k));
      if (made) this.pool.retire(ends.positions, ends.keys);
      ends = next;
      made = true;
    }
    // A shorter term's ends with none left: the term has none either (each cache entry owns its buffers).
    if (!made) ends = NO_ENDS;
    const dropped = this.ends.set(term, ends);
    if (dropped) this.pool.retire(dropped.positions, dropped.keys);
    return ends;
  }

  /**
   * The second letter's places: right after the first (the pair's occurrences), or at a word
   * start after the first's first occurrence in the field (the best first letter before it: its
   * first at a word start, else its first). A first letter's key ranks it: one that starts a word
   * (its position) before any other (its position plus the texts' length), then the earliest.
   */
  private firstTwo(a: number, b: number): InOrderEnds {
    const { chars, fieldStart, building } = this;
    const adjacent = this.pairList(a, b);
    const exact = this.exactPairs();
    const wordStarts = this.byChar(this.wordStarts, b);
    const firsts = this.byChar(this.firsts, a);
    const wordFirsts = this.byChar(this.firstWordStarts, a);
    building.start(adjacent.length + wordStarts.length);
    let f = 0;
    let g = 0;
    for (let i = 0, j = 0, field = 0; i < adjacent.length || j < wordStarts.length; ) {
      if (i < adjacent.length && (j >= wordStarts.length || (adjacent[i]! >> 1) + 1 <= wordStarts[j]!)) {
        const entry = adjacent[i++]!;
        const p = entry >> 1;
        if (exact || ((chars[p]! & CODE) === a && (chars[p + 1]! & CODE) === b)) building.put(p + 1, entry & 1 ? p : p + chars.length);
      } else {
        const w = wordStarts[j++]!;
        field = this.fieldAt(w, field);
        // The first letter's firsts in the field, if before w (firsts are sorted, one per field).
        while (f < firsts.length && firsts[f]! < fieldStart[field]!) f++;
        while (g < wordFirsts.length && wordFirsts[g]! < fieldStart[field]!) g++;
        if (g < wordFirsts.length && wordFirsts[g]! < w) building.put(w, wordFirsts[g]!);
        else if (f < firsts.length && firsts[f]! < w) building.put(w, firsts[f]! + chars.length);
      }
    }
    return building.finish(this.pool);
  }

  /**
   * The next letter's places: right after a current end, or at a word start after any current
   * end of the same field. The ends, the next letter's word starts and the places of the pair it
   * makes with the letter before (what "right after" means, read in order rather than looked up in
   * the texts) are sorted, so one merge finds them in order.
   */
  private step(from: InOrderEnds, before: number, code: number): InOrderEnds {
    const { positions, keys } = from;
    const { chars, fieldStart, building } = this;
    const wordStarts = this.byChar(this.wordStarts, code);
    const adjacent = this.pairList(before, code);
    const exact = this.exactPairs();
    building.start(positions.length + wordStarts.length);
    /** The field of the last end read (and where the next starts), and the best key among its ends read so far. */
    let field = -1;
    let fieldEnd = 0;
    let best = 0;
    for (let i = 0, j = 0, a = 0; i < positions.length || j < wordStarts.length; ) {
      if (i < positions.length && (j >= wordStarts.length || positions[i]! < wordStarts[j]!)) {
        const p = positions[i]!;
        const key = keys[i++]!;
        if (p >= fieldEnd) {
          field = this.fieldAt(p, Math.max(field, 0));
          fieldEnd = fieldStart[field + 1]!;
          best = key;
        } else if (key < best) best = key;
        a = seek(adjacent, adjacent.length, a, p << 1);
        if (a < adjacent.length && adjacent[a]! >> 1 === p && (exact || (chars[p + 1]! & CODE) === code)) building.put(p + 1, key);
      } else {
        const w = wordStarts[j++]!;
        if (w < fieldEnd) building.put(w, best);
      }
    }
    return building.finish(this.pool);
  }

  /** Whether each pair of characters has a list of its own (else lists hold several: check the codes). */
  private exactPairs(): boolean {
    return this.distinct * this.distinct <= this.pairSlots;
  }
}

/**
 * The first `n` of `places` (packed) that `pairs` (packed) has again `shift` characters on, put
 * in `out` (which may be `places`); returns how many. The shorter list is read in order and the
 * other searched forward from where the last search ended, with steps that double (a short list
 * against a long one reads little of the long one).
 */
function followedBy(places: Int32Array, n: number, pairs: Int32Array, shift: number, out: Int32Array): number {
  let kept = 0;
  if (n <= pairs.length) {
    for (let i = 0, j = 0; i < n && j < pairs.length; i++) {
      const target = ((places[i]! >> 1) + shift) << 1;
      j = seek(pairs, pairs.length, j, target);
      if (j < pairs.length && pairs[j]! >> 1 === target >> 1) out[kept++] = places[i]!;
    }
  } else {
    for (let j = 0, i = 0; j < pairs.length && i < n; j++) {
      const target = ((pairs[j]! >> 1) - shift) << 1;
      if (target < 0) continue;
      i = seek(places, n, i, target);
      if (i < n && places[i]! >> 1 === target >> 1) out[kept++] = places[i++]!;
    }
  }
  return kept;
}

/** The first index from `from` on whose entry is at least `target`, in the sorted first `n` of `list`. */
function seek(list: Int32Array, n: number, from: number, target: number): number {
  if (from >= n || list[from]! >= target) return from;
  let lo = from;
  let step = 1;
  while (lo + step < n && list[lo + step]! < target) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo + step, n);
  // list[lo] < target, and list[hi] >= target (or hi is n).
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** A position in a list that also tells whether a word starts there: twice the position, plus 1 if so. */
function packed(p: number, wordStart: number): number {
  return (p << 1) | (wordStart ? 1 : 0);
}

/**
 * A field's score, put after the `n` template scores from `from` on: a new template's, or the
 * name's template's where the body scores higher (a template's name comes right before its body).
 * Returns the new count.
 */
function offer(templates: Int32Array, values: Float64Array, n: number, from: number, field: number, score: number): number {
  const weighted = field & 1 ? score : score * NAME_WEIGHT;
  const template = field >> 1;
  if (n > from && templates[n - 1] === template) {
    if (weighted > values[n - 1]!) values[n - 1] = weighted;
    return n;
  }
  templates[n] = template;
  values[n] = weighted;
  return n + 1;
}
