import fuzzysort from 'fuzzysort';
import type { Template, TemplateCategory } from '../../../../shared/api/templates';

export interface SearchableTemplate {
  template: Template;
  body: string;
  preparedName: Fuzzysort.Prepared;
  preparedBody: Fuzzysort.Prepared;
}

export interface TemplateHit {
  template: Template;
  /** Character positions of the match in the name and in the body text, for highlighting. */
  nameMatches: readonly number[];
  bodyMatches: readonly number[];
  body: string;
}

export function bodyText(template: Template): string {
  return template.components.find((c) => c.type === 'BODY')?.text ?? '';
}

/** Prepares the list once, so each keystroke only searches (fast over thousands of templates). */
export function prepareTemplates(templates: readonly Template[]): SearchableTemplate[] {
  return templates.map((template) => {
    const body = bodyText(template);
    return { template, body, preparedName: fuzzysort.prepare(template.name), preparedBody: fuzzysort.prepare(body) };
  });
}

export interface TemplateFilter {
  q: string;
  language?: string;
  category?: TemplateCategory;
  limit?: number;
}

/** Fuzzy search on name and body text, after the language and category filters; best first. */
export function searchTemplates(items: readonly SearchableTemplate[], filter: TemplateFilter): TemplateHit[] {
  const pool = items.filter(
    (i) => (!filter.language || i.template.language === filter.language) && (!filter.category || i.template.category === filter.category),
  );
  const limit = filter.limit ?? 50;
  const q = filter.q.trim();
  if (!q) {
    return pool.slice(0, limit).map((i) => ({ template: i.template, body: i.body, nameMatches: [], bodyMatches: [] }));
  }
  const results = fuzzysort.go(q, pool, {
    keys: [(i: SearchableTemplate) => i.preparedName as unknown as string, (i: SearchableTemplate) => i.preparedBody as unknown as string],
    limit,
    threshold: 0.3,
    scoreFn: (r) => Math.max((r[0]?.score ?? 0) * 1.2, r[1]?.score ?? 0),
  });
  return results.map((r) => ({
    template: r.obj.template,
    body: r.obj.body,
    nameMatches: r[0]?.indexes ?? [],
    bodyMatches: r[1]?.indexes ?? [],
  }));
}
