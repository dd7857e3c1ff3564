import { describe, expect, it } from 'vitest';
import { LANGUAGES, translate, type MessageKey } from '../index';
import { en } from '../messages/en';
import { glossaryEn } from './en';
import { glossaryEs } from './es';
import { glossaryPtBR } from './pt-BR';

const GLOSSARIES = { en: glossaryEn, es: glossaryEs, 'pt-BR': glossaryPtBR } as const;
const KEYS = Object.keys(en) as MessageKey[];

describe('one vocabulary per language', () => {
  it('no text uses a word its glossary replaced', () => {
    for (const language of LANGUAGES) {
      const { avoid } = GLOSSARIES[language];
      const offending = KEYS.filter((key) => avoid.some((word) => translate(language, key).includes(word)));
      expect(offending, language).toEqual([]);
    }
  });

  it('the login and the ticket name the email and the server alike, as the glossary says', () => {
    for (const language of LANGUAGES) {
      const { terms } = GLOSSARIES[language];
      expect(translate(language, 'login.email')).toBe(terms.email);
      expect(translate(language, 'ticket.email')).toBe(terms.email);
      expect(translate(language, 'login.serverUrl')).toBe(terms.serverUrl);
      expect(translate(language, 'settings.serverUrl')).toBe(terms.serverUrl);
    }
  });

  it('template statuses are words of each language, never the API codes', () => {
    expect(translate('es', 'picker.unsendable', { status: translate('es', 'templateStatus.PAUSED') })).toBe('No se puede enviar (pausada).');
    expect(translate('pt-BR', 'templateStatus.REJECTED')).toBe('rejeitado');
  });
});
