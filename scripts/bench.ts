/**
 * `npm run bench`: how long the template picker's search takes per keystroke over 5,000
 * generated templates (the same prepare/search functions the picker uses), and how long the
 * desktop's deadline engine takes to re-check 5,000 mirrored deadlines. Prints figures; it
 * asserts nothing, because timings on shared machines are noise, not facts.
 */
import type { Template } from '../shared/api/templates';
import { ServerClock } from '../electron/core/deadlines/clock';
import { DeadlineEngine } from '../electron/core/deadlines/engine';
import { FakeTimers } from '../electron/core/testing/fake-timers';
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

// The desktop's deadline engine: a supervisor of a large team mirrors thousands of deadlines;
// every server event re-checks them all and re-arms one timer.
{
  const timers = new FakeTimers('2026-11-25T12:00:00.000Z');
  const engine = new DeadlineEngine(timers, new ServerClock(timers), () => undefined);
  engine.setLeads([60]);
  const count = 5000;
  engine.replaceAll(
    Array.from({ length: count }, (_, i) => ({
      conversationId: `c${i}`, kind: 'window' as const, at: timers.now() + (i + 1) * 17_000, contactName: `Contact ${i}`, assignee: null,
    })),
  );
  const checks: number[] = [];
  for (let i = 0; i < 200; i++) {
    const start = performance.now();
    engine.check();
    checks.push(performance.now() - start);
    timers.sleep(30_000);
  }
  checks.sort((a, b) => a - b);
  console.log(`deadline engine: ${count} deadlines, check + re-arm p50 ${percentile(checks, 50).toFixed(2)} ms, p95 ${percentile(checks, 95).toFixed(2)} ms`);
}
