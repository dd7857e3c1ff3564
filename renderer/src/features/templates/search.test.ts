import { describe, expect, it } from 'vitest';
import type { Template } from '../../../../shared/api/templates';
import fc from 'fast-check';
import { prepareTemplates, searchTemplates, searchTemplatesCounted } from './search';
import { inOrderScore, NAME_WEIGHT, substringScore } from './search-text';

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

  it('scores a field by the occurrence that starts a word, even when the same letters come earlier inside a word', () => {
    const list = prepareTemplates([t('upay_b', 'en_US', 'UTILITY', 'x'), t('xrepay_pay', 'en_US', 'UTILITY', 'x')]);
    expect(searchTemplates(list, { q: 'pay' }).map((h) => h.template.name)).toEqual(['xrepay_pay', 'upay_b']);
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

  it('prepares a template list once, however often the picker opens on it, and a new list anew', () => {
    const list = [t('order_update', 'en_US', 'UTILITY', 'Your order shipped.')];
    const first = prepareTemplates(list);
    expect(prepareTemplates(list)).toBe(first);
    const changed = [...list, t('payment_due', 'en_US', 'UTILITY', 'Your payment is due.')];
    expect(prepareTemplates(changed)).not.toBe(first);
    expect(searchTemplates(prepareTemplates(changed), { q: 'payment' }).map((h) => h.template.name)).toEqual(['payment_due']);
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

  it('ranks a name that starts with the term above one that has it inside, and either above a body that has it', () => {
    const list = prepareTemplates([
      t('late_refund', 'es', 'UTILITY', 'x'),
      t('note', 'es', 'UTILITY', 'Your refund is on its way.'),
      t('refund_sent', 'es', 'UTILITY', 'x'),
    ]);
    expect(searchTemplates(list, { q: 'refund' }).map((h) => h.template.name)).toEqual(['refund_sent', 'late_refund', 'note']);
  });

  it('finds exactly the pairs typed when the texts hold so many different characters that pairs share index lists', () => {
    const many = Array.from({ length: 700 }, (_, i) => String.fromCharCode(0x4e00 + i));
    const templates = Array.from({ length: 40 }, (_, i) =>
      t(`order_${i}`, 'es', 'UTILITY', `${many.slice(i * 17, i * 17 + 30).join('')} pedido ${many[(i * 31) % 700]}${many[(i * 7) % 700]}`),
    );
    const list = prepareTemplates(templates);
    // Pairs in the texts, and many that are not (some share a list with one that is).
    let seed = 7;
    const any = () => many[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % many.length]!;
    const pairs = Array.from({ length: 1500 }, () => any() + any());
    for (const q of [many[17]! + many[18]!, many[31]! + many[7]!, 'or', 'pe ' + many[20]!, many[5]! + many[6]! + many[7]!, ...pairs]) {
      const found = searchTemplatesCounted(list, { q, limit: 50 });
      const expected = plainScan(templates, { q, limit: 50 });
      expect(found.total, q).toBe(expected.total);
      expect(found.hits.map((h) => h.template.id), q).toEqual(expected.ids);
    }
  });

  it('lists and counts, keystroke by keystroke and across filter changes, exactly what a plain scan of every template finds', () => {
    const words = ['order', 'update', 'pedido', 'olá', 'refund', 'código', 'pay', 'ready', 'or', 'du', 'repay', 'adore', 'dorado'];
    const template = fc.record({
      name: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((w) => w.join('_')),
      body: fc.array(fc.constantFrom(...words, '{{1}}', 'é', 'seu', 'Ação'), { minLength: 0, maxLength: 12 }).map((w) => w.join(' ')),
      language: fc.constantFrom('es', 'pt_BR'),
      category: fc.constantFrom<Template['category']>('UTILITY', 'MARKETING'),
    });
    /** What the agent does: type a character, delete one, or change a filter. */
    const action = fc.oneof(
      fc.constantFrom('o', 'r', 'd', 'e', 'p', 'a', 'u', ' ', '_', 'á', 'O', 'y').map((ch) => ({ type: ch })),
      fc.constant({ backspace: true }),
      fc.record({ language: fc.constantFrom('', 'es', 'pt_BR') }),
      fc.record({ category: fc.constantFrom('', 'UTILITY', 'MARKETING') }),
    );
    fc.assert(
      fc.property(fc.array(template, { minLength: 1, maxLength: 30 }), fc.array(action, { maxLength: 14 }), fc.integer({ min: 1, max: 8 }), (list, actions, limit) => {
        const templates = list.map((x, i) => t(`${x.name}_${i}`, x.language, x.category, x.body));
        const live = prepareTemplates(templates);
        let state = { q: '', language: '', category: '' };
        for (const a of actions) {
          state = 'type' in a ? { ...state, q: state.q + a.type } : 'backspace' in a ? { ...state, q: state.q.slice(0, -1) } : { ...state, ...a };
          const filter = { q: state.q, language: state.language || undefined, category: (state.category || undefined) as Template['category'] | undefined, limit };
          const found = searchTemplatesCounted(live, filter);
          const expected = plainScan(templates, filter);
          expect(found.total, JSON.stringify(state)).toBe(expected.total);
          expect(found.hits.map((h) => h.template.id), JSON.stringify(state)).toEqual(expected.ids);
        }
      }),
      { seed: 1515, numRuns: 300 },
    );
  });

  it('ranks a query of many words, in and out of order, as a plain scan does', () => {
    const templates = [
      t('order_update_payment', 'es', 'UTILITY', 'Your order update: payment ready, refund or repay today.'),
      t('order_refund', 'es', 'UTILITY', 'Refund ready for your order; repay or update the payment.'),
      t('payment_due', 'es', 'UTILITY', 'Pay your order today.'),
    ];
    const list = prepareTemplates(templates);
    for (const q of ['or up pa re yo to re pa or up', 'oup orup uppa or pa re yo up ord pay', 'o r d e r u p d a t e']) {
      const found = searchTemplatesCounted(list, { q, limit: 3 });
      const expected = plainScan(templates, { q, limit: 3 });
      expect(found.total, q).toBe(expected.total);
      expect(found.hits.map((h) => h.template.id), q).toEqual(expected.ids);
    }
  });

  it('keeps listing and counting what a plain scan finds over long sessions, after its caches have dropped and reused their memory many times', () => {
    const words = ['order', 'update', 'pedido', 'refund', 'ready', 'repay', 'adore', 'dorado', 'pay', 'or'];
    const template = fc.record({
      name: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }).map((w) => w.join('_')),
      body: fc.array(fc.constantFrom(...words, '{{1}}', 'seu'), { minLength: 0, maxLength: 10 }).map((w) => w.join(' ')),
      language: fc.constantFrom('es', 'pt_BR'),
    });
    // Whole words and pieces typed, then deleted, many more than the caches hold (16 terms at most).
    const typing = fc.array(fc.tuple(fc.constantFrom(...words, 'rdy', 'ordup', 'pa re', 'dor', 'ea'), fc.integer({ min: 0, max: 4 })), { minLength: 12, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(template, { minLength: 1, maxLength: 25 }), typing, fc.integer({ min: 1, max: 6 }), (list, typed, limit) => {
        const templates = list.map((x, i) => t(`${x.name}_${i}`, x.language, 'UTILITY', x.body));
        const live = prepareTemplates(templates);
        let q = '';
        for (const [text, deleted] of typed) {
          const states = [...[...text].map((ch) => (q += ch)), ...Array.from({ length: deleted }, () => (q = q.slice(0, -1)))];
          for (const typedSoFar of states) {
            const filter = { q: typedSoFar, limit };
            const found = searchTemplatesCounted(live, filter);
            const expected = plainScan(templates, filter);
            expect(found.total, typedSoFar).toBe(expected.total);
            expect(found.hits.map((h) => h.template.id), typedSoFar).toEqual(expected.ids);
          }
          // Now and then the field is cleared; else a second word follows.
          q = deleted >= 3 || q.split(' ').length > 2 ? '' : `${q} `;
        }
      }),
      { seed: 3131, numRuns: 60 },
    );
  });
});

/**
 * The matching and ranking rules applied the slow and obvious way, template by template (every
 * letters-in-order match is enumerated): what the indexed search must agree with.
 */
function plainScan(templates: Template[], filter: { q: string; language?: string; category?: Template['category']; limit: number }) {
  const fold = (text: string) => [...text].map((ch) => (ch.normalize('NFD')[0] ?? ch).toLowerCase()[0] ?? ch).join('');
  const isWord = (ch: string | undefined) => ch !== undefined && (/[a-z0-9]/.test(ch) || ch.charCodeAt(0) > 127);
  const startsWord = (text: string, i: number) => isWord(text[i]) && !isWord(text[i - 1]);
  const asTyped = (text: string, term: string) => {
    const at = [...text].map((_, i) => i).filter((i) => text.startsWith(term, i));
    if (!at.length) return null;
    const best = at.find((i) => startsWord(text, i)) ?? at[0]!;
    return substringScore(best, startsWord(text, best), text.length);
  };
  const inOrder = (text: string, term: string) => {
    if (term.length < 2) return null;
    // Every first position from which the rest can follow, each letter right after the last or at a word start.
    const completes = (k: number, prev: number): boolean =>
      k === term.length || [...text].some((ch, p) => p > prev && ch === term[k] && (p === prev + 1 || startsWord(text, p)) && completes(k + 1, p));
    const firsts = [...text].map((_, p) => p).filter((p) => text[p] === term[0] && completes(1, p));
    if (!firsts.length) return null;
    const first = firsts.find((p) => startsWord(text, p)) ?? firsts[0]!;
    return inOrderScore(first, startsWord(text, first), term.length, text.length);
  };
  const q = fold(filter.q.trim()).replace(/\s+/g, ' ');
  const kept = templates
    .map((template, index) => ({ template, index, name: fold(template.name), body: fold(template.components.find((c) => c.type === 'BODY')?.text ?? '') }))
    .filter((x) => (!filter.language || x.template.language === filter.language) && (!filter.category || x.template.category === filter.category));
  if (!q) return { total: kept.length, ids: kept.slice(0, filter.limit).map((x) => x.template.id) };
  const terms = q.split(' ');
  const score = (x: (typeof kept)[number], how: typeof asTyped) => {
    let total = 0;
    for (const term of terms) {
      const [name, body] = [how(x.name, term), how(x.body, term)];
      if (name === null && body === null) return null;
      total += Math.max(name === null ? -Infinity : name * NAME_WEIGHT, body ?? -Infinity);
    }
    return total;
  };
  let ranked = kept.flatMap((x) => {
    const s = score(x, asTyped);
    return s === null ? [] : [{ x, s: s + 1e6 }];
  });
  if (ranked.length < filter.limit && terms.some((term) => term.length >= 2)) {
    const either = (text: string, term: string) => asTyped(text, term) ?? inOrder(text, term);
    ranked = ranked.concat(
      kept.flatMap((x) => {
        if (score(x, asTyped) !== null) return [];
        const s = score(x, either);
        return s === null ? [] : [{ x, s }];
      }),
    );
  }
  ranked.sort((a, b) => b.s - a.s || a.x.index - b.x.index);
  return { total: ranked.length, ids: ranked.slice(0, filter.limit).map((r) => r.x.template.id) };
}
