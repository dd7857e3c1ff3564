import { describe, expect, it } from 'vitest';
import { customerLanguage, evidenceFromMessages, languageFromPhone, languageOfTexts, matchingLanguage } from './customer-language';

describe('languageFromPhone', () => {
  it('reads the country code', () => {
    expect(languageFromPhone('+5511999990001')).toBe('pt_BR');
    expect(languageFromPhone('+34600111222')).toBe('es_ES');
    expect(languageFromPhone('+5215512345678')).toBe('es_MX');
    expect(languageFromPhone('+541112345678')).toBe('es_AR');
    expect(languageFromPhone('+14155550100')).toBe('en_US');
    expect(languageFromPhone('+447700900123')).toBe('en_GB');
    expect(languageFromPhone('+351912345678')).toBe('pt_PT');
  });

  it('takes the longest prefix: Puerto Rico is +1 but Spanish', () => {
    expect(languageFromPhone('+17875550100')).toBe('es');
  });

  it('knows nothing without an international number', () => {
    expect(languageFromPhone(null)).toBeNull();
    expect(languageFromPhone('11999990001')).toBeNull();
    expect(languageFromPhone('+999123456789')).toBeNull();
  });
});

describe('languageOfTexts', () => {
  it('tells Portuguese, Spanish and English apart', () => {
    expect(languageOfTexts(['Oi, meu pedido A-1001 ainda não chegou.'])).toBe('pt');
    expect(languageOfTexts(['Hola, mi pedido todavía no llegó, gracias'])).toBe('es');
    expect(languageOfTexts(['Hi, my order has not arrived yet'])).toBe('en');
  });

  it('says nothing when the words do not tell', () => {
    expect(languageOfTexts(['ok', '2', '👍'])).toBeNull();
    expect(languageOfTexts([])).toBeNull();
  });
});

describe('customerLanguage', () => {
  it('prefers what the customer wrote, with the region of the phone', () => {
    expect(customerLanguage({ customerTexts: ['Hola, necesito ayuda con mi pedido'], phone: '+5511999990001' })).toEqual({ code: 'es', source: 'messages' });
    expect(customerLanguage({ customerTexts: ['Oi, tudo bem? Ainda não chegou'], phone: '+5511999990001' })).toEqual({ code: 'pt_BR', source: 'messages' });
  });

  it('then the last template, then the phone', () => {
    expect(customerLanguage({ customerTexts: ['ok'], lastTemplateLanguage: 'en_US', phone: '+5511999990001' })).toEqual({ code: 'en_US', source: 'template' });
    expect(customerLanguage({ phone: '+5511999990001' })).toEqual({ code: 'pt_BR', source: 'phone' });
    expect(customerLanguage({ phone: null })).toBeNull();
  });

  it('keeps the template language when the customer writes in it', () => {
    expect(customerLanguage({ customerTexts: ['Hi, thanks, my order is here'], lastTemplateLanguage: 'en_GB', phone: '+5511999990001' })).toEqual({
      code: 'en_GB',
      source: 'messages',
    });
  });
});

describe('matchingLanguage', () => {
  const available = ['en_US', 'es', 'pt_BR'];
  it('finds the same code, the language without region, or another region', () => {
    expect(matchingLanguage('pt_BR', available)).toBe('pt_BR');
    expect(matchingLanguage('es_MX', available)).toBe('es');
    expect(matchingLanguage('en_GB', available)).toBe('en_US');
    expect(matchingLanguage('pt_BR', ['pt_PT', 'es'])).toBe('pt_PT');
  });

  it('finds none for another language', () => {
    expect(matchingLanguage('fr', available)).toBeNull();
    expect(matchingLanguage(null, available)).toBeNull();
  });
});

describe('evidenceFromMessages', () => {
  it('takes the customer texts newest first and the last template language', () => {
    const messages = [
      { direction: 'outbound' as const, text: 'Hola', template: { language: 'es' } },
      { direction: 'inbound' as const, text: 'primero' },
      { direction: 'outbound' as const, text: 'Hi', template: { language: 'en_US' } },
      { direction: 'inbound' as const, text: 'segundo' },
    ];
    expect(evidenceFromMessages(messages, '+5511999990001')).toEqual({
      customerTexts: ['segundo', 'primero'],
      lastTemplateLanguage: 'en_US',
      phone: '+5511999990001',
    });
  });

  it('makes a Brazilian who got a Spanish template but writes Portuguese a pt_BR customer', () => {
    const messages = [
      { direction: 'outbound' as const, text: 'Hola', template: { language: 'es' } },
      { direction: 'inbound' as const, text: 'Oi, não entendi, pode falar em português? obrigado' },
    ];
    expect(customerLanguage(evidenceFromMessages(messages, '+5511999990001'))).toEqual({ code: 'pt_BR', source: 'messages' });
  });
});
