import { describe, expect, it } from 'vitest';
import { baseLanguage, languageName, metaLanguageTag } from './language-names';

describe('Meta language codes', () => {
  it('become BCP 47 tags', () => {
    expect(metaLanguageTag('pt_BR')).toBe('pt-BR');
    expect(metaLanguageTag('en_US')).toBe('en-US');
    expect(metaLanguageTag('es')).toBe('es');
    expect(metaLanguageTag('es_LA')).toBe('es-419');
    expect(metaLanguageTag('zh_HK')).toBe('zh-HK');
    expect(metaLanguageTag('not a code')).toBeNull();
    expect(baseLanguage('pt_PT')).toBe('pt');
  });

  it('are named in the UI language, capitalised', () => {
    expect(languageName('pt_BR', 'en')).toBe('Portuguese (Brazil)');
    expect(languageName('pt_BR', 'es')).toBe('Portugués (Brasil)');
    expect(languageName('pt_BR', 'pt-BR')).toBe('Português (Brasil)');
    expect(languageName('es', 'en')).toBe('Spanish');
    expect(languageName('en_US', 'pt-BR')).toBe('Inglês (Estados Unidos)');
  });

  it('fall back to the code when it is no language', () => {
    expect(languageName('xx_YY', 'en')).toBe('xx_YY');
    expect(languageName('???', 'en')).toBe('???');
  });
});
