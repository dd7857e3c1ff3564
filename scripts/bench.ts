/**
 * `npm run bench`: how long the template picker's search takes per keystroke over 5,000
 * generated templates (the same prepare/search functions the picker uses), and how long the
 * desktop's deadline engine takes per change at 1,000, 10,000 and 100,000 deadlines. Prints figures; it
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
// each server event changes one (upsert or remove) and re-checks. Goal (issue 15): 100,000 within
// 3x of 1,000 per change.
{
  const perChange = (count: number) => {
    const timers = new FakeTimers('2026-11-25T12:00:00.000Z');
    const engine = new DeadlineEngine(timers, new ServerClock(timers), () => undefined);
    engine.setLeads([60, 15, 5]);
    const deadline = (i: number, shift = 0) => ({
      conversationId: `c${i}`, kind: 'window' as const, at: timers.now() + 2 * 3_600_000 + ((i * 7919) % count) * 1_000 + shift, contactName: `Contact ${i}`, assignee: null,
    });
    engine.replaceAll(Array.from({ length: count }, (_, i) => deadline(i)));
    engine.check();
    const times: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const start = performance.now();
      if (i % 2) engine.remove(`c${i}`);
      else engine.upsert(deadline(i, 60_000)); // a customer message moves the window
      engine.check();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p95: percentile(times, 95) };
  };
  const [small, medium, large] = [perChange(1_000), perChange(10_000), perChange(100_000)];
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(`deadline engine, one change (upsert or remove + check), p50 / p95:`);
  console.log(`  1,000: ${us(small.p50)} / ${us(small.p95)}   10,000: ${us(medium.p50)} / ${us(medium.p95)}   100,000: ${us(large.p50)} / ${us(large.p95)}`);
  console.log(`  100,000 vs 1,000: ${(large.p50 / small.p50).toFixed(2)}x at p50 (goal <= 3x)`);
}
