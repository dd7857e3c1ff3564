import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../api/errors';
import { isMessageKey, LANGUAGES, languageFor, translate, translateCount } from './index';
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
    const alike = ['nav.tickets', 'state.bot', 'chat.bot', 'role.supervisor', 'category.MARKETING', 'tickets.title', 'ticket.whatsappState', 'whatsapp.button', 'ticket.link', 'picker.ticket', 'chat.answerNo'];
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

describe('counted messages', () => {
  it('take the plural form Intl.PluralRules picks, in every language', () => {
    expect(translateCount('en', 'ticket.transcript', 1)).toBe('Transcript (1 message)');
    expect(translateCount('en', 'ticket.transcript', 3)).toBe('Transcript (3 messages)');
    expect(translateCount('en', 'ticket.transcript', 0)).toBe('Transcript (0 messages)');
    expect(translateCount('es', 'ticket.transcript', 1)).toBe('Transcripción (1 mensaje)');
    expect(translateCount('es', 'supervisor.count', 2)).toBe('2 sesiones');
    expect(translateCount('pt-BR', 'consumption.total', 1)).toBe('Total: 1 interação');
    // Portuguese (Brazil) counts 0 as singular, English and Spanish do not.
    expect(translateCount('pt-BR', 'supervisor.count', 0)).toBe('0 sessão');
    expect(translateCount('en', 'supervisor.count', 0)).toBe('0 sessions');
  });

  it('write the number as the language does', () => {
    expect(translateCount('en', 'consumption.total', 1234)).toBe('Total: 1,234 interactions');
    expect(translateCount('pt-BR', 'consumption.total', 1234)).toBe('Total: 1.234 interações');
  });

  it('have a form for every plural category of every language, for every counted key', () => {
    const bases = Object.keys(en).filter((k) => k.endsWith('.other')).map((k) => k.slice(0, -'.other'.length));
    for (const language of LANGUAGES) {
      for (const category of new Intl.PluralRules(language).resolvedOptions().pluralCategories) {
        for (const base of bases) {
          if (category !== 'many') expect(isMessageKey(`${base}.${category}`), `${language} ${base}.${category}`).toBe(true);
        }
      }
    }
  });
});
