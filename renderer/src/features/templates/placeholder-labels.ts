/**
 * A template's body as the list shows it (issue 19): each `{{1}}` or `{{first_name}}` replaced by
 * its field's label in brackets ("[Customer's first name]"), with the search highlight's letter
 * positions moved along (a highlight inside a placeholder is dropped).
 */
export function labelPlaceholders(text: string, indexes: readonly number[], labelOf: (name: string) => string | undefined): { text: string; indexes: number[] } {
  const marked = new Set(indexes);
  let out = '';
  const moved: number[] = [];
  let i = 0;
  for (const match of text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)) {
    const start = match.index;
    for (; i < start; i++) {
      if (marked.has(i)) moved.push(out.length);
      out += text[i];
    }
    const label = labelOf(match[1]!);
    out += label ? `[${label}]` : match[0];
    i = start + match[0].length;
  }
  for (; i < text.length; i++) {
    if (marked.has(i)) moved.push(out.length);
    out += text[i];
  }
  return { text: out, indexes: moved };
}
