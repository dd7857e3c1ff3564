import { describe, expect, it } from 'vitest';
import type { Template } from '../../../../shared/api/templates';
import fc from 'fast-check';
import { prepareTemplates, searchTemplates, searchTemplatesCounted } from './search';

const t = (name: string, language: string, category: Template['category'], body: string): Template => ({
  id: `${name}-${language}`, name, language, category, status: 'APPROVED', parameterFormat: 'POSITIONAL', components: [{ type: 'BODY', text: body }],
});

const items = prepareTemplates([
  t('order_update', 'pt_BR', 'UTILITY', 'Olá {{1}}, seu pedido {{2}} foi atualizado.'),
  t('order_update', 'es', 'UTILITY', 'Hola {{1}}, tu pedido {{2}} fue actualizado.'),
  t('welcome_back', 'es', 'MARKETING', '¡Hola! Te extrañamos.'),
  t('verify_code', 'en_US', 'AUTHENTICATION', '{{1}} is your verification code.'),
]);

describe('template search', () => {
  it('matches loosely on the name and marks the matched letters', () => {
    const hits = searchTemplates(items, { q: 'ordupd' });
    expect(hits.map((h) => h.template.id).sort()).toEqual(['order_update-es', 'order_update-pt_BR']);
    expect(hits[0]!.nameMatches.length).toBe(6);
  });

  it('marks the occurrence that starts a word, and ranks a word start above the same letters inside a word', () => {
    const list = prepareTemplates([t('repay_notice', 'en_US', 'UTILITY', 'We repaid you.'), t('notice_repay_pay', 'en_US', 'UTILITY', 'Payment received.')]);
    const hits = searchTemplates(list, { q: 'pay' });
    expect(hits.map((h) => h.template.name)).toEqual(['notice_repay_pay', 'repay_notice']);
    // notice_repay_pay: "pay" inside "repay" comes first, the word "pay" is the one marked.
    expect(hits[0]!.nameMatches).toEqual([13, 14, 15]);
    expect(hits[1]!.nameMatches).toEqual([2, 3, 4]);
  });

  it('matches on the body text too', () => {
    const hits = searchTemplates(items, { q: 'verification' });
    expect(hits.map((h) => h.template.name)).toEqual(['verify_code']);
    expect(hits[0]!.bodyMatches.length).toBeGreaterThan(0);
  });

  it('applies the language and category filters', () => {
    expect(searchTemplates(items, { q: '', language: 'es' }).map((h) => h.template.name)).toEqual(['order_update', 'welcome_back']);
    expect(searchTemplates(items, { q: 'hola', category: 'MARKETING' }).map((h) => h.template.name)).toEqual(['welcome_back']);
  });

  it('finds nothing for nonsense', () => {
    expect(searchTemplates(items, { q: 'zzzqqq' })).toEqual([]);
  });

  it('ignores case and accents, and marks the letters of the original text', () => {
    const hits = searchTemplates(items, { q: 'OLA SEU' });
    expect(hits.map((h) => h.template.id)).toEqual(['order_update-pt_BR']);
    const body = hits[0]!.body;
    expect(hits[0]!.bodyMatches.map((i) => body[i]).join('')).toBe('Oláseu');
  });

  it('lists templates that contain the words as typed before looser matches, and counts every match', () => {
    const list = prepareTemplates([
      t('promo_ordinary', 'es', 'MARKETING', 'x'),
      t('order_status', 'es', 'UTILITY', 'x'),
      t('other_reminder_data', 'es', 'UTILITY', 'x'), // o, r, d only in order with word starts: a looser match
    ]);
    const found = searchTemplatesCounted(list, { q: 'ord' });
    expect(found.hits.map((h) => h.template.name)).toEqual(['order_status', 'promo_ordinary', 'other_reminder_data']);
    expect(found.total).toBe(3);
    // With enough as-typed matches, the looser ones are neither listed nor counted.
    const capped = searchTemplatesCounted(list, { q: 'ord', limit: 2 });
    expect(capped.hits.map((h) => h.template.name)).toEqual(['order_status', 'promo_ordinary']);
    expect(capped.total).toBe(2);
  });

  it('gives, keystroke by keystroke, what a fresh search of the same text gives', () => {
    const words = ['order', 'update', 'pedido', 'olá', 'refund', 'código', 'pay', 'ready'];
    const template = fc.record({
      name: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((w) => w.join('_')),
      body: fc.array(fc.constantFrom(...words, '{{1}}', 'é', 'seu'), { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
      language: fc.constantFrom('es', 'pt_BR'),
    });
    fc.assert(
      fc.property(fc.array(template, { minLength: 1, maxLength: 40 }), fc.string({ unit: fc.constantFrom('o', 'r', 'd', 'e', 'p', 'a', ' ', 'á', 'u'), maxLength: 8 }), fc.integer({ min: 1, max: 10 }), (list, typed, limit) => {
        const templates = list.map((x, i) => t(`${x.name}_${i}`, x.language, 'UTILITY', x.body));
        const live = prepareTemplates(templates);
        for (let n = 1; n <= typed.length; n++) {
          const q = typed.slice(0, n);
          const typedSoFar = searchTemplatesCounted(live, { q, limit });
          const fresh = searchTemplatesCounted(prepareTemplates(templates), { q, limit });
          expect(typedSoFar.total, q).toBe(fresh.total);
          expect(typedSoFar.hits.map((h) => h.template.id), q).toEqual(fresh.hits.map((h) => h.template.id));
        }
      }),
      { seed: 151515, numRuns: 200 },
    );
  });
});
