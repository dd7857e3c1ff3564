/**
 * The template search's index, built once per template list: every template's folded name and
 * body in one array of character codes, with where each pair of neighbouring characters occurs,
 * where each character starts a word, and where each character first occurs (and first starts a
 * word) in each field. A term's occurrences come from its rarest pair, or from narrowing a shorter
 * term's (the previous keystroke's); a term's scores by template are kept for the next keystrokes
 * (a backspace, a filter change, a second word); neither depends on the filters. Only the places
 * where a term's characters actually are get visited, never a template's whole text.
 */
import { isWordChar, NAME_WEIGHT, inOrderScore, substringScore } from './search-text';

const EMPTY: Int32Array = new Int32Array(0);

/**
 * What a keystroke keeps (scores, occurrences) is held in plain arrays, not typed ones: every typed
 * array has its own memory outside the JavaScript heap, and allocating many of them after a list's
 * index was dropped makes V8 collect garbage in the middle of a keystroke.
 */
type List = readonly number[];

/** The first `n` of `from`, as a plain array. */
function copy(from: Int32Array, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = from[i]!;
  return out;
}

/** The templates a term matches, in order, with its best score in each. */
export interface TermScores {
  templates: List;
  values: List;
  /** By template, -Infinity where it does not match; built when first asked for (see denseScores). */
  dense: number[] | null;
}

/** The term's score by template (-Infinity where it does not match). */
export function denseScores(term: TermScores, templateCount: number): number[] {
  if (!term.dense) {
    term.dense = new Array<number>(templateCount).fill(-Infinity);
    for (let n = 0; n < term.templates.length; n++) term.dense[term.templates[n]!] = term.values[n]!;
  }
  return term.dense;
}

/** Positions of a term's last letter where its letters can be found in order, each with the best first letter that leads there (see firstKey). */
interface InOrderEnds {
  positions: List | Int32Array;
  keys: List;
}

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

  /** The positions with this key, in the order put (sorted when put in order). */
  get(key: number): Int32Array {
    return key < 0 ? EMPTY : this.positions.subarray(this.offsets[key]!, this.offsets[key + 1]!);
  }
}

export class TextIndex {
  /** Field 2i is template i's name, field 2i+1 its body; each is followed by a 0 no term contains. */
  private readonly codes: Uint16Array;
  private readonly starts: Uint8Array;
  private readonly fieldOf: Int32Array;
  private readonly fieldStart: Int32Array;
  private readonly fieldLength: Int32Array;
  private readonly templateCount: number;
  /** A small number for each character code the texts hold (-1 for others), and how many there are. */
  private readonly idOf = new Int32Array(65536).fill(-1);
  private readonly distinct: number;
  /** By pair of characters: where the first is, followed by the second (many pairs share a list when the texts hold many different characters: check the codes). */
  private readonly pairs: Buckets;
  private readonly pairSlots: number;
  /** By character: where it starts a word. */
  private readonly wordStarts: Buckets;
  /** By character: in each field that has it, where it first occurs / first starts a word. */
  private readonly firsts: Buckets;
  private readonly firstWordStarts: Buckets;
  /** The last terms' occurrences, scores and letters-in-order ends: a keystroke extends the previous term, a backspace or a filter change returns to it. */
  private readonly found = new Recent<List>(16);
  private readonly asTyped = new Recent<TermScores>(16);
  private readonly eitherWay = new Recent<TermScores>(8);
  private readonly ends = new Recent<InOrderEnds>(8);
  /** Scratch for the lists being built (the kept result is a copy of the right size). */
  private scratch = new Int32Array(1024);
  private scratchKeys = new Int32Array(1024);

  constructor(fields: readonly string[]) {
    let size = 0;
    for (const text of fields) size += text.length + 1;
    this.templateCount = fields.length >> 1;
    const codes = (this.codes = new Uint16Array(size));
    const starts = (this.starts = new Uint8Array(size));
    const fieldOf = (this.fieldOf = new Int32Array(size));
    this.fieldStart = new Int32Array(fields.length);
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
        codes[at] = code;
        const word = isWordChar(text.charCodeAt(i));
        starts[at] = word && !wordBefore ? 1 : 0;
        wordBefore = word;
        fieldOf[at] = field;
        if (idOf[code]! < 0) idOf[code] = distinct++;
      }
      fieldOf[at++] = field;
    });
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
      for (let p = 0; p < size; p++) {
        const code = codes[p]!;
        if (!code) continue;
        const id = idOf[code]!;
        const field = fieldOf[p]!;
        if (codes[p + 1]) {
          const pair = this.pairSlot(code, codes[p + 1]!);
          if (filling) this.pairs.put(pair, p);
          else this.pairs.count(pair);
        }
        if (lastField[id] !== field) {
          lastField[id] = field;
          if (filling) this.firsts.put(id, p);
          else this.firsts.count(id);
        }
        if (starts[p]) {
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

  /** Where words start in a field (field 2i: template i's name, 2i+1: its body), 1 where one starts (see isWordChar). */
  wordStartsOf(field: number): Uint8Array {
    return this.starts.subarray(this.fieldStart[field]!, this.fieldStart[field]! + this.fieldLength[field]!);
  }

  private pairSlot(a: number, b: number): number {
    const idA = this.idOf[a]!;
    const idB = this.idOf[b]!;
    return idA < 0 || idB < 0 ? -1 : (idA * this.distinct + idB) % this.pairSlots;
  }

  /** Where a (followed by b) may be: check the codes, the list may hold other pairs. */
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
    const templates: number[] = [];
    const values: number[] = [];
    /** A field's score: a new template's, or the name's template's where the body scores higher. */
    const offer = (field: number, score: number) => {
      const weighted = field & 1 ? score : score * NAME_WEIGHT;
      const template = field >> 1;
      const n = templates.length;
      if (n > 0 && templates[n - 1] === template) {
        if (weighted > values[n - 1]!) values[n - 1] = weighted;
      } else {
        templates.push(template);
        values.push(weighted);
      }
    };
    const { fieldOf, fieldStart, fieldLength, starts } = this;
    if (term.length === 1) {
      // One letter: its first occurrence in each field, or its first at a word start.
      const code = term.charCodeAt(0);
      const firsts = this.byChar(this.firsts, code);
      const wordFirsts = this.byChar(this.firstWordStarts, code);
      for (let i = 0, j = 0; i < firsts.length; i++) {
        const field = fieldOf[firsts[i]!]!;
        while (j < wordFirsts.length && fieldOf[wordFirsts[j]!]! < field) j++;
        const wordFirst = j < wordFirsts.length && fieldOf[wordFirsts[j]!] === field;
        const at = wordFirst ? wordFirsts[j]! : firsts[i]!;
        offer(field, substringScore(at - fieldStart[field]!, wordFirst, fieldLength[field]!));
      }
    } else {
      const occurrences = this.occurrences(term);
      let field = -1;
      let at = 0;
      let atStart = 0;
      for (let i = 0; i <= occurrences.length; i++) {
        const p = i < occurrences.length ? occurrences[i]! : -1;
        const f = p < 0 ? -2 : fieldOf[p]!;
        if (f === field) {
          if (!atStart && starts[p]) {
            at = p;
            atStart = 1;
          }
          continue;
        }
        if (field >= 0) offer(field, substringScore(at - fieldStart[field]!, atStart === 1, fieldLength[field]!));
        field = f;
        at = p;
        atStart = p < 0 ? 0 : starts[p]!;
      }
    }
    const kept = { templates, values, dense: null };
    this.asTyped.set(term, kept);
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
    const dense = denseScores(this.scoresAsTyped(term), this.templateCount).slice();
    const { positions, keys } = this.inOrderEnds(term);
    const size = this.codes.length;
    let field = -1;
    let best = 0;
    for (let i = 0; i <= positions.length; i++) {
      const f = i < positions.length ? this.fieldOf[positions[i]!]! : -2;
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
    const templates: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < dense.length; i++) {
      if (dense[i] === -Infinity) continue;
      templates.push(i);
      values.push(dense[i]!);
    }
    const kept = { templates, values, dense };
    this.eitherWay.set(term, kept);
    return kept;
  }

  /** The scratch list, at least `size` long. */
  private room(size: number): Int32Array {
    if (this.scratch.length < size) {
      this.scratch = new Int32Array(size * 2);
      this.scratchKeys = new Int32Array(size * 2);
    }
    return this.scratch;
  }

  /** Where `term` (two or more characters) occurs, sorted. */
  private occurrences(term: string): List | Int32Array {
    const { codes } = this;
    // Each pair has a list of its own unless the texts hold over 512 different characters: no check, no copy.
    if (term.length === 2 && this.distinct * this.distinct <= this.pairSlots) return this.pairList(term.charCodeAt(0), term.charCodeAt(1));
    const cached = this.found.get(term);
    if (cached) return cached;
    let known = term.length - 1;
    let from: List | undefined;
    while (known >= 2 && !(from = this.found.get(term.slice(0, known)))) known--;
    // Narrow a shorter term's occurrences, or check the term at each place of its rarest pair, whichever reads less.
    let rarest = 0;
    let rarestList = EMPTY;
    for (let k = 0; k + 1 < term.length; k++) {
      const list = this.pairList(term.charCodeAt(k), term.charCodeAt(k + 1));
      if (k === 0 || list.length < rarestList.length) [rarest, rarestList] = [k, list];
    }
    const narrowing = from !== undefined && from.length <= rarestList.length;
    const candidates = narrowing ? from! : rarestList;
    const shift = narrowing ? 0 : rarest;
    const check = narrowing ? known : 0;
    const out = this.room(candidates.length);
    let n = 0;
    for (let i = 0; i < candidates.length; i++) {
      const p = candidates[i]! - shift;
      if (p < 0) continue;
      let k = check;
      while (k < term.length && codes[p + k] === term.charCodeAt(k)) k++;
      if (k === term.length) out[n++] = p;
    }
    const result = copy(out, n);
    this.found.set(term, result);
    return result;
  }

  /** Forward over the term's letters, from the ends of the longest shorter term known. */
  private inOrderEnds(term: string): InOrderEnds {
    const cached = this.ends.get(term);
    if (cached) return cached;
    let known = term.length - 1;
    let ends: InOrderEnds | undefined;
    while (known > 2 && !(ends = this.ends.get(term.slice(0, known)))) known--;
    if (!ends) {
      ends = this.firstTwo(term.charCodeAt(0), term.charCodeAt(1));
      known = 2;
    }
    for (let k = known; k < term.length && ends.positions.length; k++) ends = this.step(ends, term.charCodeAt(k));
    this.ends.set(term, ends);
    return ends;
  }

  /** A first letter's rank: one that starts a word before any other, then the earliest. */
  private firstKey(p: number): number {
    return this.starts[p] ? p : p + this.codes.length;
  }

  /**
   * The second letter's places: right after the first (the pair's occurrences), or at a word
   * start after the first's first occurrence in the field (the best first letter before it: its
   * first at a word start, else its first).
   */
  private firstTwo(a: number, b: number): InOrderEnds {
    const { fieldOf } = this;
    const adjacent = this.pairList(a, b);
    const wordStarts = this.byChar(this.wordStarts, b);
    const firsts = this.byChar(this.firsts, a);
    const wordFirsts = this.byChar(this.firstWordStarts, a);
    const positions = this.room(adjacent.length + wordStarts.length);
    const keys = this.scratchKeys;
    let n = 0;
    const put = (p: number, key: number) => {
      if (n > 0 && positions[n - 1] === p) {
        if (key < keys[n - 1]!) keys[n - 1] = key;
      } else {
        positions[n] = p;
        keys[n++] = key;
      }
    };
    let f = 0;
    let g = 0;
    for (let i = 0, j = 0; i < adjacent.length || j < wordStarts.length; ) {
      if (i < adjacent.length && (j >= wordStarts.length || adjacent[i]! + 1 <= wordStarts[j]!)) {
        const p = adjacent[i++]!;
        if (this.codes[p] === a && this.codes[p + 1] === b) put(p + 1, this.firstKey(p));
      } else {
        const w = wordStarts[j++]!;
        const field = fieldOf[w]!;
        while (f < firsts.length && fieldOf[firsts[f]!]! < field) f++;
        while (g < wordFirsts.length && fieldOf[wordFirsts[g]!]! < field) g++;
        if (g < wordFirsts.length && wordFirsts[g]! < w && fieldOf[wordFirsts[g]!] === field) put(w, wordFirsts[g]!);
        else if (f < firsts.length && firsts[f]! < w && fieldOf[firsts[f]!] === field) put(w, firsts[f]! + this.codes.length);
      }
    }
    return { positions: copy(positions, n), keys: copy(keys, n) };
  }

  /**
   * The next letter's places: right after a current end, or at a word start after any current
   * end of the same field. Both lists are sorted, so one merge finds them in order.
   */
  private step(from: InOrderEnds, code: number): InOrderEnds {
    const { positions, keys } = from;
    const { codes, fieldOf } = this;
    const wordStarts = this.byChar(this.wordStarts, code);
    const outPositions = this.room(positions.length + wordStarts.length);
    const outKeys = this.scratchKeys;
    let n = 0;
    const put = (p: number, key: number) => {
      if (n > 0 && outPositions[n - 1] === p) {
        if (key < outKeys[n - 1]!) outKeys[n - 1] = key;
      } else {
        outPositions[n] = p;
        outKeys[n++] = key;
      }
    };
    /** The field of the last end read, and the best key among its ends read so far. */
    let field = -1;
    let best = 0;
    for (let i = 0, j = 0; i < positions.length || j < wordStarts.length; ) {
      if (i < positions.length && (j >= wordStarts.length || positions[i]! < wordStarts[j]!)) {
        const p = positions[i]!;
        const key = keys[i++]!;
        const f = fieldOf[p]!;
        if (f !== field) {
          field = f;
          best = key;
        } else if (key < best) best = key;
        if (codes[p + 1] === code) put(p + 1, key);
      } else {
        const w = wordStarts[j++]!;
        if (fieldOf[w] === field) put(w, best);
      }
    }
    return { positions: copy(outPositions, n), keys: copy(outKeys, n) };
  }
}

/** A few recently used entries (a Map keeps insertion order: the first is the oldest). */
class Recent<T> {
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

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}
