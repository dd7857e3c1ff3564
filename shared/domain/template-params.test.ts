import { describe, expect, it } from 'vitest';
import type { Template } from '../api/templates';
import { renderSegments, renderTemplate, templateParameters, validateParameters } from './template-params';

const orderUpdate: Pick<Template, 'components' | 'examples'> = {
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Pedido {{1}}' },
    { type: 'BODY', text: 'Olá {{1}}, seu pedido {{2}} foi atualizado.' },
    { type: 'FOOTER', text: 'Loja Demo' },
    { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Ver pedido', url: 'https://shop.test/o/{{1}}' }, { type: 'QUICK_REPLY', text: 'Falar com atendente' }] },
  ],
  examples: { '1': 'Ana' },
};

const named: Pick<Template, 'components'> = {
  components: [{ type: 'BODY', text: 'Hi {{first_name}}, {{agent_name}} here. Still need {{first_name}}?' }],
};

describe('templateParameters', () => {
  it('lists header, body (in placeholder order) and URL-button parameters with their keys', () => {
    const params = templateParameters(orderUpdate);
    expect(params.map((p) => p.key)).toEqual(['header.1', '1', '2', 'button.0']);
    expect(params.find((p) => p.key === '1')?.example).toBe('Ana');
  });

  it('orders positional placeholders by number even when the text does not', () => {
    const params = templateParameters({ components: [{ type: 'BODY', text: '{{2}} then {{10}} then {{1}}' }] });
    expect(params.map((p) => p.key)).toEqual(['1', '2', '10']);
  });

  it('names each named placeholder once', () => {
    expect(templateParameters(named).map((p) => p.key)).toEqual(['first_name', 'agent_name']);
  });

  it('finds no parameters in a template without placeholders', () => {
    expect(templateParameters({ components: [{ type: 'BODY', text: '¡Bienvenido de vuelta!' }] })).toEqual([]);
  });
});

describe('validateParameters', () => {
  const complete = { 'header.1': 'A-1', '1': 'Elena', '2': 'A-1234', 'button.0': 'A-1234' };

  it('accepts a complete set of values', () => {
    expect(validateParameters(orderUpdate, complete)).toEqual([]);
  });

  it('reports each missing or blank value', () => {
    expect(validateParameters(orderUpdate, { ...complete, '2': '   ', 'button.0': undefined as unknown as string })).toEqual([
      { key: '2', problem: 'missing' },
      { key: 'button.0', problem: 'missing' },
    ]);
  });

  it('reports values the template has no place for', () => {
    expect(validateParameters(orderUpdate, { ...complete, '3': 'extra' })).toEqual([{ key: '3', problem: 'unknown' }]);
  });

  it('refuses new lines, tabs and five spaces in a row, as WhatsApp does', () => {
    expect(validateParameters(named, { first_name: 'Ana\nMaria', agent_name: 'Bruno' })).toEqual([
      { key: 'first_name', problem: 'bad_whitespace' },
    ]);
    expect(validateParameters(named, { first_name: 'Ana', agent_name: 'a     b' })).toEqual([
      { key: 'agent_name', problem: 'bad_whitespace' },
    ]);
    expect(validateParameters(named, { first_name: 'Ana', agent_name: 'a    b' })).toEqual([]);
  });

  it('refuses a header value over 60 characters', () => {
    expect(validateParameters(orderUpdate, { ...complete, 'header.1': 'x'.repeat(61) })).toEqual([
      { key: 'header.1', problem: 'too_long' },
    ]);
  });
});

describe('rendering', () => {
  it('renders the final text with every value in place', () => {
    expect(renderTemplate(orderUpdate, { 'header.1': 'A-1', '1': 'Elena', '2': 'A-1234' })).toBe(
      'Pedido A-1\nOlá Elena, seu pedido A-1234 foi atualizado.\nLoja Demo\n[Ver pedido] [Falar com atendente]',
    );
  });

  it('fills a repeated named placeholder everywhere', () => {
    expect(renderTemplate(named, { first_name: 'Ana', agent_name: 'Bruno' })).toBe('Hi Ana, Bruno here. Still need Ana?');
  });

  it('marks unfilled placeholders in the preview segments', () => {
    expect(renderSegments('Olá {{1}}, pedido {{2}}', { '1': 'Elena' })).toEqual([
      { text: 'Olá ' },
      { text: 'Elena', key: '1', filled: true },
      { text: ', pedido ' },
      { text: '{{2}}', key: '2', filled: false },
    ]);
  });
});
