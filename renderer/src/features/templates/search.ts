/**
 * The template picker's search, per keystroke over thousands of templates (issue 15).
 *
 * Matching: each space-separated term must match the name or the body text, case- and
 * accent-insensitively, either as a substring (best at a word start, early, in a short text) or as
 * letters in order where each letter after the first follows the previous one or starts a word
 * ("ordupd" finds order_update; "pay" does not find p…a…y scattered through a sentence). The name
 * counts 1.2 times the body, as the picker always did (scores: search-text.ts).
 *
 * Speed: the list is prepared once (folded texts, word starts, and the index of search-index.ts:
 * where each pair of characters occurs); a keystroke finds each term's occurrences from that index
 * or from the previous keystroke's, whatever the filters, so only templates that contain the terms
 * are visited, and keeps what it found in reused memory; the filters are template-indexed arrays;
 * the best `limit` are kept in a small sorted buffer (no sort of every match) and only they get
 * highlight positions. `npm run bench` compares it with fuzzysort and a naive `includes` scan in
 * the same run.
 */
import type { Template, TemplateCategory } from '../../../../shared/api/templates';
import { TextIndex, type TermScores } from './search-index';
import { fold, inOrderScore, NAME_WEIGHT, substringScore } from './search-text';

export interface SearchableTemplate {
  template: Template;
  body: string;
  /** Lower case, accents removed, one character for each of the original's (highlights map 1:1). */
  name: string;
  foldedBody: string;
}

export interface TemplateHit {
  template: Template;
  /** Character positions of the match in the name and in the body text, for highlighting. */
  nameMatches: readonly number[];
  bodyMatches: readonly number[];
  body: string;
}

export interface TemplateFilter {
  q: string;
  language?: string;
  category?: TemplateCategory;
  limit?: number;
}

export interface SearchResult {
  hits: TemplateHit[];
  /** Every template that matches (the list shows `hits`, and "N more" for the rest). */
  total: number;
}

export function bodyText(template: Template): string {
  return template.components.find((c) => c.type === 'BODY')?.text ?? '';
}

/** What a search reads besides the templates: the text index and the filters' values by template. */
interface ListIndex {
  text: TextIndex;
  languages: Map<string, number>;
  language: Int32Array;
  categories: Map<string, number>;
  category: Int32Array;
}

/** Each prepared list's index (WeakMap: forgotten with the list). */
const indexes = new WeakMap<readonly SearchableTemplate[], ListIndex>();

/** Each template list's preparation (WeakMap: forgotten with the list). */
const preparedLists = new WeakMap<readonly Template[], SearchableTemplate[]>();

/**
 * Prepares the list once, so each keystroke only searches: the same list (the query cache keeps
 * the fetched array while it is current) is prepared only the first time the picker opens on it.
 */
export function prepareTemplates(templates: readonly Template[]): SearchableTemplate[] {
  const known = preparedLists.get(templates);
  if (known) return known;
  const items = templates.map((template) => {
    const body = bodyText(template);
    const name = fold(template.name);
    const foldedBody = fold(body);
    return { template, body, name, foldedBody };
  });
  indexes.set(items, indexList(items));
  preparedLists.set(templates, items);
  return items;
}

function indexList(items: readonly SearchableTemplate[]): ListIndex {
  const ids = (values: string[]) => {
    const known = new Map<string, number>();
    return { known, of: Int32Array.from(values, (value) => known.get(value) ?? (known.set(value, known.size), known.size - 1)) };
  };
  const languages = ids(items.map((item) => item.template.language));
  const categories = ids(items.map((item) => item.template.category));
  return {
    text: new TextIndex(items.flatMap((item) => [item.name, item.foldedBody])),
    languages: languages.known,
    language: languages.of,
    categories: categories.known,
    category: categories.of,
  };
}

/** Fuzzy search on name and body text, after the language and category filters; best first. */
export function searchTemplates(items: readonly SearchableTemplate[], filter: TemplateFilter): TemplateHit[] {
  return searchTemplatesCounted(items, filter).hits;
}

/**
 * Templates where every term appears as typed come first, ranked by how well; letters-in-order
 * matches are looked for (and counted) only when fewer than `limit` templates match as typed, so
 * "or" lists the templates that contain "or", not every text with an o before an r.
 */
export function searchTemplatesCounted(items: readonly SearchableTemplate[], filter: TemplateFilter): SearchResult {
  const limit = filter.limit ?? 50;
  // A 0 ends each field in the index: it is never part of a term.
  const q = fold(filter.q.replaceAll('\0', '').trim()).replace(/\s+/g, ' ');
  let index = indexes.get(items);
  if (!index) indexes.set(items, (index = indexList(items)));
  // -1: no filter; -2: a value no template has.
  const language = filter.language ? (index.languages.get(filter.language) ?? -2) : -1;
  const category = filter.category ? (index.categories.get(filter.category) ?? -2) : -1;
  const { language: languageOf, category: categoryOf } = index;
  const keep = (i: number) => (language === -1 || languageOf[i] === language) && (category === -1 || categoryOf[i] === category);

  if (!q) {
    const hits: TemplateHit[] = [];
    let total = 0;
    for (let i = 0; i < items.length; i++) {
      if (!keep(i)) continue;
      const item = items[i]!;
      if (total++ < limit) hits.push({ template: item.template, body: item.body, nameMatches: [], bodyMatches: [] });
    }
    return { hits, total };
  }

  const terms = q.split(' ');
  index.text.newSearch();
  const best = new TopScores(limit);
  const filtered = language !== -1 || category !== -1;
  let total = 0;
  /** Offers every template the filters keep where each term scores (and, with `unless`, not every one of those), walking the term that matches the fewest. */
  const collect = (perTerm: TermScores[], bonus: number, unless: TermScores[] | null) => {
    const fewest = perTerm.reduce((a, b) => (b.templates.length < a.templates.length ? b : a));
    const { templates, values } = fewest;
    if (perTerm.length === 1 && !unless) {
      // One term: its scores as they are (the common case, kept to the least work per template).
      for (let n = 0; n < templates.length; n++) {
        const i = templates[n]!;
        if (filtered && !keep(i)) continue;
        total++;
        const score = values[n]! + bonus;
        if (score > best.floor) best.offer(score, i);
      }
      return;
    }
    let slot = 0;
    const others = perTerm.map((term) => (term === fewest ? null : index.text.denseScores(term, slot++)));
    const excluded = unless?.map((term) => index.text.denseScores(term, slot++)) ?? [];
    for (let n = 0; n < templates.length; n++) {
      const i = templates[n]!;
      if (filtered && !keep(i)) continue;
      // In term order, as the scores were always summed.
      let score = 0;
      for (let k = 0; k < others.length; k++) score += others[k] ? others[k]![i]! : values[n]!;
      if (score === -Infinity) continue;
      if (excluded.length) {
        let asTyped = 0;
        for (let k = 0; k < excluded.length; k++) asTyped += excluded[k]![i]!;
        if (asTyped !== -Infinity) continue;
      }
      total++;
      if (score + bonus > best.floor) best.offer(score + bonus, i);
    }
  };
  collect(terms.map((term) => index.text.scoresAsTyped(term)), AS_TYPED_FIRST, null);
  // Few as typed: add the letters-in-order matches (single letters have none).
  if (total < limit && terms.some((term) => term.length >= 2)) {
    collect(terms.map((term) => index.text.scoresEitherWay(term)), 0, terms.map((term) => index.text.scoresAsTyped(term)));
  }

  const hits: TemplateHit[] = [];
  best.forEach((i, score) => hits.push(highlight(items[i]!, index.text.wordStartsOf(2 * i), index.text.wordStartsOf(2 * i + 1), terms, score < AS_TYPED_FIRST)));
  return { hits, total };
}

/** Added to the score of a template where every term appears as typed: always above the others. */
const AS_TYPED_FIRST = 1e6;

// ---- scoring ----------------------------------------------------------------------------------

/**
 * The term's match positions in each field, only for the templates shown. A template where every
 * term appears as typed is marked where it does (a letters-in-order match elsewhere scores lower).
 */
function highlight(item: SearchableTemplate, nameStarts: Uint8Array, bodyStarts: Uint8Array, terms: string[], inOrderToo: boolean): TemplateHit {
  let nameMatches: number[] = [];
  let bodyMatches: number[] = [];
  const how = inOrderToo ? 'either' : 'asTyped';
  for (const term of terms) {
    const namePositions: number[] = [];
    const bodyPositions: number[] = [];
    const name = matchField(item.name, nameStarts, term, namePositions, how);
    const body = matchField(item.foldedBody, bodyStarts, term, bodyPositions, how);
    if (name !== null && (body === null || name * NAME_WEIGHT >= body)) nameMatches = nameMatches.length ? nameMatches.concat(namePositions) : namePositions;
    else bodyMatches = bodyMatches.length ? bodyMatches.concat(bodyPositions) : bodyPositions;
  }
  // One term's positions are in order already; several terms' may overlap.
  if (terms.length > 1) [nameMatches, bodyMatches] = [sortedUnique(nameMatches), sortedUnique(bodyMatches)];
  return { template: item.template, body: item.body, nameMatches, bodyMatches };
}

/** The positions in order, each once. */
function sortedUnique(positions: number[]): number[] {
  positions.sort((a, b) => a - b);
  return positions.filter((p, i) => i === 0 || positions[i - 1] !== p);
}

/** What matchField looks for: the term as typed, or as typed and else letters in order. */
type How = 'asTyped' | 'either';

/**
 * How well `term` matches `text` (higher is better), or null, scored as the index scores it; the
 * matched characters' positions are filled in.
 */
function matchField(text: string, starts: Uint8Array, term: string, positions: number[], how: How): number | null {
  let at = text.indexOf(term);
  if (at >= 0) {
    // Prefer an occurrence that starts a word.
    for (let next = at; next >= 0 && !starts[at]; next = text.indexOf(term, next + 1)) if (starts[next]) at = next;
    for (let i = 0; i < term.length; i++) positions.push(at + i);
    return substringScore(at, starts[at] === 1, text.length);
  }
  if (how === 'asTyped' || term.length < 2) return null;
  const first = inOrder(text, starts, term, positions);
  return first < 0 ? null : inOrderScore(first, starts[first] === 1, term.length, text.length);
}

/**
 * Letters of `term` in order in `text`, each after the first right after the previous one or at
 * a word start: the first letter's position (a word start if one can be, else the earliest), or
 * -1; the match is filled into `positions`, preferring letters side by side. From the last letter
 * back, each letter's places from which the rest can follow: only the places of that letter are
 * visited, not every character of the text.
 */
function inOrder(text: string, starts: Uint8Array, term: string, positions: number[]): number {
  const m = term.length;
  /** By letter: where it can go with the rest of the term following (sorted). */
  const rows: number[][] = new Array<number[]>(m);
  rows[m - 1] = placesOf(text, term[m - 1]!);
  for (let k = m - 2; k >= 0; k--) {
    const next = rows[k + 1]!;
    // Letter k+1 can jump to a word start: any place of letter k before the last such start will do.
    let lastStart = -1;
    for (const q of next) if (starts[q]) lastStart = q;
    const here: number[] = [];
    let j = 0;
    for (let p = text.indexOf(term[k]!); p >= 0; p = text.indexOf(term[k]!, p + 1)) {
      while (j < next.length && next[j]! <= p) j++;
      if (next[j] === p + 1 || p < lastStart) here.push(p);
    }
    if (!here.length) return -1;
    rows[k] = here;
  }
  const firsts = rows[0]!;
  const first = firsts.find((p) => starts[p] === 1) ?? firsts[0]!;
  positions.push(first);
  for (let k = 1, prev = first; k < m; k++) {
    const row = rows[k]!;
    const p = row.includes(prev + 1) ? prev + 1 : row.find((q) => q > prev + 1 && starts[q] === 1)!;
    positions.push(p);
    prev = p;
  }
  return first;
}

/** Where `letter` is in `text`, in order. */
function placesOf(text: string, letter: string): number[] {
  const places: number[] = [];
  for (let p = text.indexOf(letter); p >= 0; p = text.indexOf(letter, p + 1)) places.push(p);
  return places;
}

/** The best `size` scores seen, kept sorted (best first; earlier templates first on a tie). */
class TopScores {
  private readonly scores: number[] = [];
  private readonly ids: number[] = [];
  /** A score must be above this to be kept (-Infinity until `size` are kept). */
  floor = -Infinity;
  constructor(private readonly size: number) {
    if (size <= 0) this.floor = Infinity;
  }

  offer(score: number, index: number): void {
    const { scores, ids, size } = this;
    if (score <= this.floor) return;
    let at = scores.length;
    if (at < size) {
      scores.push(score);
      ids.push(index);
    } else at = size - 1;
    for (; at > 0 && scores[at - 1]! < score; at--) {
      scores[at] = scores[at - 1]!;
      ids[at] = ids[at - 1]!;
    }
    scores[at] = score;
    ids[at] = index;
    if (scores.length === size) this.floor = scores[size - 1]!;
  }

  /** Each kept template with its score, best first. */
  forEach(visit: (index: number, score: number) => void): void {
    for (let k = 0; k < this.ids.length; k++) visit(this.ids[k]!, this.scores[k]!);
  }
}
