/** Translations for every program: message keys, the three catalogues, and `translate`. */
import type { Language } from '../ipc/contract';
import { en, type MessageKey } from './messages/en';
import { es } from './messages/es';
import { ptBR } from './messages/pt-BR';

export type { MessageKey };
export const LANGUAGES: readonly Language[] = ['en', 'es', 'pt-BR'];

const catalogues: Record<Language, Record<MessageKey, string>> = { en, es, 'pt-BR': ptBR };

export type MessageParams = Record<string, string | number>;

/** The text of `key` in `language`, with `{name}` placeholders filled from `params`. */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogues[language][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A message counted by `count`: its keys are `<base>.one`, `<base>.other` (and any other plural category). */
export type CountedKey = { [K in MessageKey]: K extends `${infer Base}.other` ? Base : never }[MessageKey];

/**
 * The text of a counted message in `language`: `<base>.<category>`, the category chosen by
 * Intl.PluralRules for `count` (`<base>.other` when the catalogue has no key for it), with
 * `{count}` filled in as the language writes numbers ("1.234" in es and pt-BR).
 */
export function translateCount(language: Language, base: CountedKey, count: number, params: MessageParams = {}): string {
  const chosen = `${base}.${new Intl.PluralRules(language).select(count)}`;
  const key = (isMessageKey(chosen) ? chosen : `${base}.other`) as MessageKey;
  return translate(language, key, { count: new Intl.NumberFormat(language).format(count), ...params });
}

/** The best supported language for a BCP 47 tag such as `pt-PT`, `es-419` or `en-US`. */
export function languageFor(tag: string | null | undefined): Language {
  const lower = (tag ?? '').toLowerCase();
  if (lower.startsWith('pt')) return 'pt-BR';
  if (lower.startsWith('es')) return 'es';
  return 'en';
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}
