/**
 * Which language a customer reads, so the template picker offers (and marks) the right version of
 * a template: the customer's own words when they say it clearly, else the language of the last
 * template they got, else the country code of their number. Pure: the app passes what it has.
 */
import { baseLanguage, metaLanguageTag } from '../i18n/language-names';

/** Country calling codes to the Meta language code most of their WhatsApp users read; longest prefix wins. */
const BY_CALLING_CODE: Record<string, string> = {
  // Portuguese
  '55': 'pt_BR', '351': 'pt_PT', '244': 'pt_PT', '258': 'pt_PT', '238': 'pt_PT', '245': 'pt_PT', '239': 'pt_PT',
  // Spanish
  '34': 'es_ES', '52': 'es_MX', '54': 'es_AR', '56': 'es', '57': 'es', '58': 'es', '51': 'es', '53': 'es', '591': 'es',
  '593': 'es', '595': 'es', '598': 'es', '502': 'es', '503': 'es', '504': 'es', '505': 'es', '506': 'es', '507': 'es', '240': 'es',
  // Spanish-speaking numbers inside +1: Puerto Rico and the Dominican Republic
  '1787': 'es', '1939': 'es', '1809': 'es', '1829': 'es', '1849': 'es',
  // English
  '1': 'en_US', '44': 'en_GB', '353': 'en_GB', '61': 'en_GB', '64': 'en_GB', '27': 'en_GB', '234': 'en_GB', '254': 'en_GB', '233': 'en_GB',
  // Others WhatsApp templates are commonly written in
  '33': 'fr', '49': 'de', '43': 'de', '39': 'it', '31': 'nl', '7': 'ru', '81': 'ja', '82': 'ko', '86': 'zh_CN', '90': 'tr',
  '62': 'id', '48': 'pl', '30': 'el', '972': 'he', '966': 'ar', '971': 'ar', '20': 'ar', '212': 'ar', '91': 'en_GB',
};

/** The language most people with this number read (`+5511…` → `pt_BR`), or null when unknown. */
export function languageFromPhone(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (!phone?.trim().startsWith('+') || digits.length < 7) return null;
  for (let length = 4; length >= 1; length--) {
    const found = BY_CALLING_CODE[digits.slice(0, length)];
    if (found) return found;
  }
  return null;
}

/** Words that tell Portuguese, Spanish and English apart (words both Iberian languages share are left out). */
const WORDS: Record<'pt' | 'es' | 'en', ReadonlySet<string>> = {
  pt: new Set(
    'não nao obrigado obrigada obg você voce vc oi olá meu minha ainda chegou tudo bem bom boa quero preciso fico aguardo sim estou então também troca número pra com uma um isso agora hoje amanhã ajuda'.split(' '),
  ),
  es: new Set(
    'hola gracias sí usted tú mi quiero necesito todavía llegó buenos buenas días estoy pero muy ayuda bueno vale cuándo dónde qué con una el los las y ya hoy mañana ahora esto'.split(' '),
  ),
  en: new Set(
    'hi hello hey thanks thank you my order please the is not yet still want need good morning and what when where can help arrived this it today tomorrow now yes'.split(' '),
  ),
};

/**
 * The language of what the customer wrote, only when the words say it clearly (at least two telling
 * words, more than for any other language); `pt`, `es`, `en` or null.
 */
export function languageOfTexts(texts: readonly string[]): 'pt' | 'es' | 'en' | null {
  const score = { pt: 0, es: 0, en: 0 };
  for (const text of texts) {
    for (const [word] of text.toLowerCase().matchAll(/\p{L}+/gu)) {
      for (const language of ['pt', 'es', 'en'] as const) if (WORDS[language].has(word)) score[language]++;
    }
  }
  const ranked = (Object.entries(score) as ['pt' | 'es' | 'en', number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  return first![1] >= 2 && first![1] > second![1] ? first![0] : null;
}

export interface LanguageEvidence {
  /** Texts the customer wrote, newest first (a few are enough). */
  customerTexts?: readonly string[];
  /** The Meta language code of the last template sent to the contact. */
  lastTemplateLanguage?: string | null;
  phone?: string | null;
}

export type LanguageSource = 'messages' | 'template' | 'phone';

/**
 * The customer's language as a Meta code, and what it was taken from. The region comes from the
 * phone when it speaks the same language (`pt` in the messages, +55 → `pt_BR`).
 */
export function customerLanguage(evidence: LanguageEvidence): { code: string; source: LanguageSource } | null {
  const byPhone = languageFromPhone(evidence.phone);
  const written = languageOfTexts(evidence.customerTexts ?? []);
  if (written) {
    const template = evidence.lastTemplateLanguage;
    if (template && baseLanguage(template) === written) return { code: template, source: 'messages' };
    return { code: byPhone && baseLanguage(byPhone) === written ? byPhone : written, source: 'messages' };
  }
  if (evidence.lastTemplateLanguage && metaLanguageTag(evidence.lastTemplateLanguage)) return { code: evidence.lastTemplateLanguage, source: 'template' };
  return byPhone ? { code: byPhone, source: 'phone' } : null;
}

/**
 * Of the languages templates exist in, the one for this customer: the same code, else the same
 * language without a region (`es` for `es_MX`), else the same language in another region
 * (`pt_PT` for `pt_BR`). Null when none speaks the customer's language.
 */
export function matchingLanguage(customer: string | null | undefined, available: readonly string[]): string | null {
  if (!customer) return null;
  const tag = (metaLanguageTag(customer) ?? customer).toLowerCase();
  const base = baseLanguage(customer);
  const tagOf = (code: string) => (metaLanguageTag(code) ?? code).toLowerCase();
  return (
    available.find((code) => tagOf(code) === tag) ??
    available.find((code) => tagOf(code) === base) ??
    [...available].sort().find((code) => baseLanguage(code) === base) ??
    null
  );
}

/**
 * What a conversation's messages tell about the customer's language: the texts they wrote (newest
 * first, at most ten) and the language of the last template sent to them.
 */
export function evidenceFromMessages(
  messages: readonly { direction: 'inbound' | 'outbound'; text: string; template?: { language: string } | null }[],
  phone: string | null | undefined,
): LanguageEvidence {
  const newestFirst = [...messages].reverse();
  return {
    customerTexts: newestFirst.filter((m) => m.direction === 'inbound').slice(0, 10).map((m) => m.text),
    lastTemplateLanguage: newestFirst.find((m) => m.template?.language)?.template?.language ?? null,
    phone,
  };
}
