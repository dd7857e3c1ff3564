import { describe, expect, it } from 'vitest';
import type { Template } from '../../../../shared/api/templates';
import { translate } from '../../../../shared/i18n';
import { templateParameters } from '../../../../shared/domain/template-params';
import { fieldLabels, type Translate } from './field-label';

const tpl = (body: string, examples: Record<string, string> = {}, rest: Partial<Template> = {}) =>
  ({ category: 'UTILITY', components: [{ type: 'BODY', text: body }], examples, ...rest }) as Pick<Template, 'components' | 'category' | 'examples'>;
const labels = (t: Translate, template: ReturnType<typeof tpl>) => Object.values(fieldLabels(t, template, templateParameters(template)));
const en: Translate = (key, params) => translate('en', key, params);
const pt: Translate = (key, params) => translate('pt-BR', key, params);

describe('field labels', () => {
  it('say what a field is instead of "Field 1"', () => {
    const orderUpdate = tpl('Olá {{1}}, seu pedido {{2}} foi atualizado.', { '1': 'Elena', '2': 'A-1234' });
    expect(labels(en, orderUpdate)).toEqual(["Customer's first name", 'Order number']);
    expect(labels(pt, orderUpdate)).toEqual(['Nome do cliente', 'Número do pedido']);
  });

  it('use a named parameter as words, else the example, else the number', () => {
    expect(labels(en, tpl('Delivery on {{delivery_date}}'))).toEqual(['Delivery date']);
    expect(labels(en, tpl('Your appointment is at {{1}}', { '1': '10:30' }))).toEqual(['Value like “10:30”']);
    expect(labels(en, tpl('See {{1}}'))).toEqual(['Field 1']);
  });

  it('number two fields that would read alike', () => {
    expect(labels(en, tpl('Hi {{1}}, and hello {{2}}'))).toEqual(["Customer's first name (1)", "Customer's first name (2)"]);
  });

  it('keep the authentication code, coupon and link labels', () => {
    const auth = tpl('{{1}} is your code', {}, { category: 'AUTHENTICATION' });
    expect(labels(en, auth)).toEqual(['Verification code']);
  });
});
