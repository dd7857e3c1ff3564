import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../api/errors';
import { isMessageKey, LANGUAGES, languageFor, translate } from './index';
import { en } from './messages/en';

describe('translations', () => {
  it('have a real text for every error code in every language', () => {
    for (const code of ERROR_CODES) {
      const key = `error.${code}`;
      expect(isMessageKey(key), key).toBe(true);
      for (const language of LANGUAGES) {
        expect(translate(language, key as never).trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });

  it('are really translated, not copies of the English text', () => {
    const same = (Object.keys(en) as (keyof typeof en)[]).filter(
      (key) => !key.startsWith('lang.') && key !== 'app.name' && translate('es', key) === en[key],
    );
    // Words that really are the same in Spanish (brand-like terms, unit symbols).
    const alike = ['nav.tickets', 'state.bot', 'chat.bot', 'role.supervisor', 'category.MARKETING', 'tickets.title', 'ticket.whatsappState', 'whatsapp.button', 'ticket.link', 'picker.ticket'];
    expect(same.filter((key) => !alike.includes(key) && !key.startsWith('duration.'))).toEqual([]);
  });

  it('fill placeholders and leave unknown ones visible', () => {
    expect(translate('pt-BR', 'error.NETWORK_ERROR', { server: 'http://10.0.0.1:4010' })).toContain('http://10.0.0.1:4010');
    expect(translate('es', 'inbox.emptySearch', {})).toContain('{q}');
  });

  it('pick a supported language for any system locale', () => {
    expect(languageFor('pt-PT')).toBe('pt-BR');
    expect(languageFor('es-419')).toBe('es');
    expect(languageFor('de-DE')).toBe('en');
    expect(languageFor(undefined)).toBe('en');
  });
});
