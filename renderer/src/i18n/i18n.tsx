import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { AppError, Language, SettingsView } from '../../../shared/ipc/contract';
import { languageFor, translate, translateCount, type CountedKey, type MessageKey, type MessageParams } from '../../../shared/i18n';
import { api, call } from '../api/desktop';
import { keys } from '../api/keys';

interface I18n {
  language: Language;
  t(key: MessageKey, params?: MessageParams): string;
  /** A counted text: `<base>.<one|other|…>` chosen by Intl.PluralRules for `count`, which fills `{count}`. */
  tn(base: CountedKey, count: number, params?: MessageParams): string;
  /** The translated text of a failure, by its stable code. */
  errorText(error: AppError, params?: MessageParams): string;
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const info = useQuery({ queryKey: keys.appInfo, queryFn: () => call(api().app.info()), staleTime: Infinity });
  const settings = useQuery({ queryKey: keys.settings, queryFn: () => call(api().settings.get()), staleTime: Infinity });
  const save = useMutation({
    mutationFn: (language: Language) => call(api().settings.update({ language })),
    onSuccess: (next: SettingsView) => client.setQueryData(keys.settings, next),
  });
  const chosen = settings.data?.values.language;
  const serverUrl = settings.data?.values.serverUrl;
  const language: Language = chosen && chosen !== 'system' ? chosen : languageFor(info.data?.systemLocale);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const t = useCallback((key: MessageKey, params?: MessageParams) => translate(language, key, params), [language]);
  const value = useMemo<I18n>(
    () => ({
      language,
      t,
      tn: (base, count, params) => translateCount(language, base, count, params),
      // `{server}` (NETWORK_ERROR...) names the configured server unless the caller knows better.
      errorText: (error, params) => translate(language, `error.${error.code}` as MessageKey, { server: serverUrl ?? '', ...params }),
      setLanguage: (next) => save.mutate(next),
    }),
    [language, t, save, serverUrl],
  );
  if (info.isPending || settings.isPending) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
