import { describe, expect, it } from 'vitest';
import type { Template } from '../api/templates';
import { renderTemplate } from './template-params';
import { templateMessageParts } from './template-message';

const ORDER: Pick<Template, 'components'> = {
  components: [
    { type: 'BODY', text: 'Olá {{1}}, seu pedido {{2}} foi atualizado.\nResponda se tiver dúvidas.' },
    { type: 'FOOTER', text: 'Loja Exemplo' },
    { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Falar com atendente' }, { type: 'QUICK_REPLY', text: 'Tudo certo' }] },
  ],
} as Pick<Template, 'components'>;

describe('templateMessageParts', () => {
  it('gives the footer and the buttons of a sent template apart from its body', () => {
    const text = renderTemplate(ORDER, { '1': 'Gabriela', '2': 'A-2040' });
    expect(templateMessageParts(text, ORDER)).toEqual({
      main: 'Olá Gabriela, seu pedido A-2040 foi atualizado.\nResponda se tiver dúvidas.',
      footer: 'Loja Exemplo',
      buttons: ['Falar com atendente', 'Tudo certo'],
    });
  });

  it('keeps the text whole without the template, or when it does not end as the template does', () => {
    expect(templateMessageParts('Olá\nLoja Exemplo', null)).toEqual({ main: 'Olá\nLoja Exemplo', footer: null, buttons: [] });
    expect(templateMessageParts('Olá', ORDER)).toEqual({ main: 'Olá', footer: null, buttons: [] });
  });
});
