/** Text with the characters at `indexes` marked (fuzzy-search matches). */
export function Highlighted({ text, indexes }: { text: string; indexes: readonly number[] }) {
  if (indexes.length === 0) return <>{text}</>;
  const marked = new Set(indexes);
  const parts: { text: string; hit: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const hit = marked.has(i);
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += text[i];
    else parts.push({ text: text[i]!, hit });
  }
  return <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
