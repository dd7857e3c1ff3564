/**
 * The date-fns locale of the interface language. Kept out of the I18n context so the sign-in
 * screen's chunk carries no date-fns locale: the screens that format dates load them.
 */
import { enUS, es, ptBR, type Locale } from 'date-fns/locale';
import type { Language } from '../../../shared/ipc/contract';
import { useI18n } from './i18n';

const DATE_LOCALES: Record<Language, Locale> = { en: enUS, es, 'pt-BR': ptBR };

export function useDateLocale(): Locale {
  return DATE_LOCALES[useI18n().language];
}
