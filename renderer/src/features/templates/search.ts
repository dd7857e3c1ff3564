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
 * where each character occurs); a keystroke finds each term's occurrences from that index or from
 * the previous keystroke's, whatever the filters, so only templates that contain the terms are
 * visited; the filters are template-indexed arrays; the best `limit` are kept in a small sorted
 * buffer (no sort of every match) and only they get highlight positions. `npm run bench` compares
 * it with fuzzysort and a naive `includes` scan in the same run.
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
  let total = 0;
  /** Offers every template the filters keep where each term scores (and, with `unless`, not every one of those), walking the term that matches the fewest. */
  const collect = (perTerm: TermScores[], bonus: number, unless: TermScores[] | null) => {
    const fewest = perTerm.reduce((a, b) => (b.templates.length < a.templates.length ? b : a));
    let slot = 0;
    const others = perTerm.map((term) => (term === fewest ? null : index.text.denseScores(term, slot++)));
    const excluded = unless?.map((term) => index.text.denseScores(term, slot++)) ?? [];
    const { templates, values } = fewest;
    for (let n = 0; n < templates.length; n++) {
      const i = templates[n]!;
      if (!keep(i)) continue;
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
      best.offer(score + bonus, i);
    }
  };
  collect(terms.map((term) => index.text.scoresAsTyped(term)), AS_TYPED_FIRST, null);
  // Few as typed: add the letters-in-order matches (single letters have none).
  if (total < limit && terms.some((term) => term.length >= 2)) {
    collect(terms.map((term) => index.text.scoresEitherWay(term)), 0, terms.map((term) => index.text.scoresAsTyped(term)));
  }

  const hits = best.entries().map(([i, score]) => highlight(items[i]!, index.text.wordStartsOf(2 * i), index.text.wordStartsOf(2 * i + 1), terms, score < AS_TYPED_FIRST));
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
  const nameMatches = new Set<number>();
  const bodyMatches = new Set<number>();
  for (const term of terms) {
    const namePositions: number[] = [];
    const bodyPositions: number[] = [];
    const how = inOrderToo ? 'either' : 'asTyped';
    const name = matchField(item.name, nameStarts, term, namePositions, how);
    const body = matchField(item.foldedBody, bodyStarts, term, bodyPositions, how);
    if (name !== null && (body === null || name * NAME_WEIGHT >= body)) namePositions.forEach((p) => nameMatches.add(p));
    else bodyPositions.forEach((p) => bodyMatches.add(p));
  }
  const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);
  return { template: item.template, body: item.body, nameMatches: sorted(nameMatches), bodyMatches: sorted(bodyMatches) };
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

let can = new Uint8Array(256);
let nextCan = new Uint8Array(256);
let startAfter = new Uint8Array(256);

/**
 * Letters of `term` in order in `text`, each after the first right after the previous one or at
 * a word start: the first letter's position, or -1. Dynamic programming from the last letter back
 * (O(text x term), no backtracking); with `positions`, the match is rebuilt forward, preferring
 * letters side by side.
 */
function inOrder(text: string, starts: Uint8Array, term: string, positions: number[] | null): number {
  const n = text.length;
  const m = term.length;
  if (can.length < n + 2) {
    can = new Uint8Array(n * 2 + 2);
    nextCan = new Uint8Array(n * 2 + 2);
    startAfter = new Uint8Array(n * 2 + 2);
  }
  const rows: Uint8Array[] | null = positions ? [] : null;
  // Row m-1: where the last letter can go.
  for (let p = 0; p <= n + 1; p++) nextCan[p] = p < n && text.charCodeAt(p) === term.charCodeAt(m - 1) ? 1 : 0;
  if (rows) rows[m - 1] = nextCan.slice(0, n + 2);
  for (let k = m - 2; k >= 0; k--) {
    // startAfter[x]: letter k+1 can go at some word start at x or later.
    startAfter[n] = 0;
    startAfter[n + 1] = 0;
    for (let p = n - 1; p >= 0; p--) startAfter[p] = startAfter[p + 1]! | (starts[p]! & nextCan[p]!);
    const code = term.charCodeAt(k);
    let any = 0;
    for (let p = 0; p <= n + 1; p++) {
      const ok = p < n && text.charCodeAt(p) === code && (nextCan[p + 1]! | startAfter[p + 1]!) ? 1 : 0;
      can[p] = ok;
      any |= ok;
    }
    if (!any) return -1;
    [can, nextCan] = [nextCan, can];
    if (rows) rows[k] = nextCan.slice(0, n + 2);
  }
  // nextCan is row 0 now: the first letter's best place is a word start, else the earliest.
  let first = -1;
  for (let p = 0; p < n; p++) {
    if (!nextCan[p]) continue;
    if (starts[p]) {
      first = p;
      break;
    }
    if (first < 0) first = p;
  }
  if (first >= 0 && rows && positions) {
    positions.push(first);
    for (let k = 1, prev = first; k < m; k++) {
      const row = rows[k]!;
      let p = row[prev + 1] ? prev + 1 : -1;
      for (let q = prev + 2; p < 0 && q < n; q++) if (row[q] && starts[q]) p = q;
      positions.push(p);
      prev = p;
    }
  }
  return first;
}

/** The best `size` scores seen, kept sorted (best first; earlier templates first on a tie). */
class TopScores {
  private readonly scores: number[] = [];
  private readonly ids: number[] = [];
  constructor(private readonly size: number) {}

  offer(score: number, index: number): void {
    const { scores, ids, size } = this;
    if (size <= 0 || (scores.length === size && score <= scores[size - 1]!)) return;
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
  }

  /** Each kept template with its score, best first. */
  entries(): [number, number][] {
    return this.ids.map((id, k) => [id, this.scores[k]!]);
  }
}
