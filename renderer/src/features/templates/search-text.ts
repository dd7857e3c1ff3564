/**
 * The template search's text rules, shared by the index (ranking and counting) and the highlight
 * of the rows shown: how text is folded, where words start, and what a match scores.
 */

const folded = new Map<string, string>();
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case without accents, one character per original character (so positions carry over). */
export function fold(text: string): string {
  // Most template text is ASCII: one native call, no string built character by character.
  if (ASCII.test(text)) return text.toLowerCase();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch.charCodeAt(0) < 128) {
      out += ch.toLowerCase();
      continue;
    }
    let f = folded.get(ch);
    if (f === undefined) {
      f = (ch.normalize('NFD')[0] ?? ch).toLowerCase()[0] ?? ch;
      folded.set(ch, f);
    }
    out += f;
  }
  return out;
}

/** Letters, digits and anything beyond ASCII make words; a word starts at a word character after a non-word one (or at a text's start). */
export const isWordChar = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code > 127;

/** The name counts 1.2 times the body, as the picker always did. */
export const NAME_WEIGHT = 1.2;
/** Any letters-in-order match scores below the worst substring one, even with the name's weight. */
const WORST_SUBSTRING = 850;
const BEST_IN_ORDER = 700;

/** A term found as typed at `at` in a field of `length` characters: best at a word start, early, in a short text. */
export function substringScore(at: number, atWordStart: boolean, length: number): number {
  return Math.max(WORST_SUBSTRING, 1000 + (atWordStart ? 200 : 0) + (at === 0 ? 100 : 0) - at - length * 0.1);
}

/** A term's letters found in order from `first` in a field of `length` characters. */
export function inOrderScore(first: number, firstStartsWord: boolean, termLength: number, length: number): number {
  return Math.min(BEST_IN_ORDER, 400 + (firstStartsWord ? 100 : 0) + termLength * 10 - first * 0.5 - length * 0.1);
}
