import { describe, expect, it } from 'vitest';
import type { Template } from '../../../../shared/api/templates';
import { prepareTemplates, searchTemplates } from './search';

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
});
