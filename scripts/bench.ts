/**
 * `npm run bench`: how long the template picker's search takes per keystroke over 5,000
 * generated templates (the same prepare/search functions the picker uses). Prints figures; it
 * asserts nothing, because timings on shared machines are noise, not facts.
 */
import type { Template } from '../shared/api/templates';
import { prepareTemplates, searchTemplates } from '../renderer/src/features/templates/search';

const WORDS = ['order', 'update', 'payment', 'reminder', 'welcome', 'back', 'verify', 'code', 'delivery', 'invoice', 'survey', 'promo', 'ticket', 'refund', 'appointment'];
const LANGUAGES = ['pt_BR', 'es', 'en_US'];
const CATEGORIES: Template['category'][] = ['UTILITY', 'MARKETING', 'AUTHENTICATION'];

function generate(count: number): Template[] {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  return Array.from({ length: count }, (_, i) => ({
    id: String(i),
    name: `${pick(WORDS)}_${pick(WORDS)}_${i}`,
    language: pick(LANGUAGES),
    category: pick(CATEGORIES),
    status: 'APPROVED',
    parameterFormat: 'POSITIONAL',
    components: [{ type: 'BODY', text: `Hello {{1}}, your ${pick(WORDS)} ${pick(WORDS)} {{2}} is ready. ${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}.` }],
  }));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const templates = generate(5000);
const prepStart = performance.now();
const prepared = prepareTemplates(templates);
const prepMs = performance.now() - prepStart;

const typed = ['o', 'or', 'ord', 'orde', 'order', 'order_', 'order_u', 'order_up', 'order_upd', 'p', 'pa', 'pay', 'paym', 'invoice', 'ready', 'refund app'];
const samples: number[] = [];
for (let round = 0; round < 20; round++) {
  for (const q of typed) {
    const start = performance.now();
    searchTemplates(prepared, { q, language: round % 2 ? 'es' : undefined });
    samples.push(performance.now() - start);
  }
}
samples.sort((a, b) => a - b);
console.log(`template picker search over ${templates.length} templates`);
console.log(`  prepare once:            ${prepMs.toFixed(1)} ms`);
console.log(`  per keystroke (n=${samples.length}): median ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms, max ${samples.at(-1)!.toFixed(2)} ms`);
