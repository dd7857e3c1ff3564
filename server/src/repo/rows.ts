/** Conversions from database rows to API shapes. */
export const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : new Date(value).toISOString();

export const isoRequired = (value: Date | string): string => new Date(value).toISOString();

/** Collects positional parameters while a query is built: `where.push(\`x = ${p.add(value)}\`)`. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** An ILIKE pattern that matches `text` anywhere, with the user's % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/**
 * Text from outside as PostgreSQL can store it, never refused for what it holds: text cannot hold
 * U+0000 (removed), and jsonb refuses a lone UTF-16 surrogate (replaced with U+FFFD).
 */
export function storable(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** JSON for a jsonb column: every string value made storable. */
export function storableJson(value: unknown): string {
  const json = JSON.stringify(value);
  // JSON.stringify writes U+0000 and lone surrogates as escapes: only then is a second pass needed.
  if (!/\\u(0000|d[89a-f])/i.test(json)) return json;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? storable(v) : v));
}

/** Whether a failed statement is worth running again in a new transaction (deadlock, serialization). */
export function isTransient(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '40P01' || code === '40001';
}
