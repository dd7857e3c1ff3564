import { describe, expect, it } from 'vitest';
import type { Template } from '../api/templates';
import { parameterMeaning, parameterWords, prefillParameters } from './template-fields';
import { templateParameters } from './template-params';

const template = (body: string, examples: Record<string, string> = {}, extra: Partial<Template> = {}) =>
  ({ category: 'UTILITY', components: [{ type: 'BODY', text: body }], examples, ...extra }) as Pick<Template, 'components' | 'category' | 'examples'>;

const meanings = (t: ReturnType<typeof template>) => templateParameters(t).map((p) => parameterMeaning(t, p));

describe('parameterMeaning', () => {
  it('reads the words in front of a positional placeholder, in three languages', () => {
    expect(meanings(template('Hi {{1}}, your order {{2}} has been updated.'))).toEqual(['name', 'order']);
    expect(meanings(template('Olá {{1}}, seu pedido {{2}} foi atualizado.'))).toEqual(['name', 'order']);
    expect(meanings(template('Hola {{1}}, tu pedido {{2}} fue actualizado.'))).toEqual(['name', 'order']);
    expect(meanings(template('Bom dia {{1}}! Seu chamado {{2}} foi resolvido.'))).toEqual(['name', 'ticket']);
    expect(meanings(template('Hi, a friendly reminder that invoice {{1}} is due soon.'))).toEqual(['invoice']);
  });

  it('reads a named placeholder by its name', () => {
    expect(meanings(template('Dear {{first_name}}, ticket {{ticket_number}} and {{delivery_date}}'))).toEqual(['name', 'ticket', null]);
    expect(meanings(template('Your {{order_id}} ships on {{ship_date}}'))).toEqual(['order', null]);
  });

  it('takes an authentication body for the code', () => {
    const auth = template('{{1}} is your verification code.', {}, { category: 'AUTHENTICATION' });
    expect(meanings(auth)).toEqual(['code']);
  });

  it('does not guess from another sentence or without words', () => {
    expect(meanings(template('Your order is late. {{1}} will call you.'))).toEqual([null]);
    expect(meanings(template('{{1}}'))).toEqual([null]);
  });
});

describe('parameterWords', () => {
  it('turns a named parameter into words', () => {
    expect(parameterWords({ name: 'delivery_date' })).toBe('delivery date');
    expect(parameterWords({ name: '2' })).toBeNull();
  });
});

describe('prefillParameters', () => {
  const orderUpdate = template('Olá {{1}}, seu pedido {{2}} foi atualizado.', { '1': 'Elena', '2': 'A-1234' });
  const params = templateParameters(orderUpdate);

  it('greets by the first name and finds the order number in the ticket subject', () => {
    expect(prefillParameters(orderUpdate, params, { contact: { name: 'Gabriela Rocha' }, ticket: { number: 7, subject: 'Pedido A-2040' } })).toEqual({
      '1': 'Gabriela',
      '2': 'A-2040',
    });
  });

  it('leaves the order empty when the ticket has no number of that shape', () => {
    expect(prefillParameters(orderUpdate, params, { contact: { name: 'Elena Souza' }, ticket: { number: 4, subject: 'Segunda via de boleto' } })).toEqual({ '1': 'Elena' });
    expect(prefillParameters(orderUpdate, params, { contact: { name: 'Elena Souza' }, ticket: { number: 4, subject: 'Pedido 2040' } })).toEqual({ '1': 'Elena' });
  });

  it('does not greet a contact known only by number', () => {
    expect(prefillParameters(orderUpdate, params, { contact: { name: '+5511999990009', phone: '+5511999990009' } })).toEqual({});
  });

  it('fills a ticket number, and a digits-only order number, with the ticket number', () => {
    const ticket = template('Seu chamado {{1}} e o pedido {{2}}', { '1': '#123', '2': '98765' });
    expect(prefillParameters(ticket, templateParameters(ticket), { contact: { name: 'Ana' }, ticket: { number: 42, subject: 'Troca' } })).toEqual({
      '1': '#42',
      '2': '42',
    });
  });

  it('fills nothing from a ticket when there is none', () => {
    const ticket = template('Seu chamado {{1}}', { '1': '123' });
    expect(prefillParameters(ticket, templateParameters(ticket), { contact: { name: 'Ana' }, ticket: null })).toEqual({});
  });
});

describe('parameterMeaning with a number word', () => {
  it('looks past "number" to the noun', () => {
    expect(meanings(template('Seu pedido número {{1}} saiu. Your order no. {{2}}'))).toEqual(['order', null]);
    expect(meanings(template('Your order number {{1}} shipped'))).toEqual(['order']);
  });
});

describe('parameterMeaning of codes', () => {
  it('reads a code outside authentication templates too', () => {
    expect(meanings(template('Use the code {{1}} at checkout'))).toEqual(['code']);
  });
});
