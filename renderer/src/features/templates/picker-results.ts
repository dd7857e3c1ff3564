import { searchTemplatesCounted, type SearchableTemplate, type TemplateFilter, type TemplateHit } from './search';

/**
 * What the picker computes per keystroke (and per filter change): the search, the customer's
 * version of each template first (a stable sort keeps the search's order otherwise), and how many
 * more match than are listed. One home, so the bench times exactly this.
 */
export function pickerResults(items: readonly SearchableTemplate[], filter: TemplateFilter, customerCode: string | null | undefined): { hits: TemplateHit[]; more: number } {
  const { hits: found, total } = searchTemplatesCounted(items, filter);
  const hits = customerCode ? [...found].sort((a, b) => Number(b.template.language === customerCode) - Number(a.template.language === customerCode)) : found;
  return { hits, more: total - found.length };
}
