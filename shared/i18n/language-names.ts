/**
 * WhatsApp (Meta) language codes such as `pt_BR`, `en_US`, `es`, `es_LA` or `zh_HK`, as BCP 47
 * tags and as names a person reads ("Portuguese (Brazil)", "Portugués (Brasil)"): the one place
 * that converts them, for every screen that shows a template's language.
 */

/** Meta codes that are not simply `language_REGION` in BCP 47. */
const SPECIAL: Record<string, string> = {
  es_la: 'es-419',
  sr: 'sr-Latn',
};

/** `pt_BR` → `pt-BR`, `en_US` → `en-US`, `es` → `es`, `es_LA` → `es-419`; anything unusable → null. */
export function metaLanguageTag(code: string): string | null {
  const trimmed = code.trim();
  const special = SPECIAL[trimmed.toLowerCase()];
  if (special) return special;
  const match = /^([a-z]{2,3})(?:[_-]([a-z]{4}))?(?:[_-]([a-z]{2}|\d{3}))?$/i.exec(trimmed);
  if (!match) return null;
  const [, language, script, region] = match;
  return [language!.toLowerCase(), script ? script[0]!.toUpperCase() + script.slice(1).toLowerCase() : null, region?.toUpperCase() ?? null]
    .filter(Boolean)
    .join('-');
}

/** The base language of a Meta code or BCP 47 tag: `pt_BR` → `pt`. */
export function baseLanguage(code: string): string {
  return (metaLanguageTag(code) ?? code).split('-')[0]!.toLowerCase();
}

const namers = new Map<string, Intl.DisplayNames>();

/**
 * The name of a Meta language code in the UI language (`en`, `es`, `pt-BR`): "Portuguese
 * (Brazil)", "Portugués (Brasil)", "Português (Brasil)". Falls back to the code itself when it is
 * not a language the runtime knows.
 */
export function languageName(code: string, uiLanguage: string): string {
  const tag = metaLanguageTag(code);
  if (!tag) return code;
  let namer = namers.get(uiLanguage);
  if (!namer) {
    namer = new Intl.DisplayNames([uiLanguage], { type: 'language', languageDisplay: 'standard', fallback: 'none' });
    namers.set(uiLanguage, namer);
  }
  let name: string | undefined;
  try {
    name = namer.of(tag);
  } catch {
    return code;
  }
  if (!name || name.toLowerCase() === tag.toLowerCase()) return code;
  return name.charAt(0).toLocaleUpperCase(uiLanguage) + name.slice(1);
}
