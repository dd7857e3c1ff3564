/**
 * Renderer tests' stand-in for the desktop core: `window.api` answering each channel from a
 * table (anything else fails as NOT_FOUND), the channels called and their inputs recorded, and
 * the providers a screen needs (react-query without retries, i18n in English).
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { buildDesktopApi, type InvokeChannel } from '../../../shared/ipc/contract';
import { I18nProvider } from '../i18n/i18n';

export type Answers = Partial<Record<InvokeChannel, (input: Record<string, unknown>) => unknown>>;

/** Every screen asks these first: a web host in English. */
export const APP_ANSWERS: Answers = {
  'app:info': () => ({ version: '1', platform: 'linux', host: 'web', systemLocale: 'en' }),
  'settings:get': () => ({ values: { language: 'en', serverUrl: 'http://127.0.0.1:1' }, managed: [] }),
};

/** Renders `ui` over a fake core answering `answers`; resolves nothing itself. Returns the calls made. */
export function renderWithFakeDesktop(ui: ReactNode, answers: Answers = {}) {
  const calls: { channel: InvokeChannel; input: Record<string, unknown> }[] = [];
  const table = { ...APP_ANSWERS, ...answers };
  (window as unknown as { api: unknown }).api = buildDesktopApi(
    async (channel, input) => {
      calls.push({ channel, input: input as Record<string, unknown> });
      const answer = table[channel]?.(input as Record<string, unknown>);
      return answer === undefined ? { ok: false, error: { code: 'NOT_FOUND', message: channel } } : { ok: true, data: answer };
    },
    () => () => undefined,
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const result = render(
    <QueryClientProvider client={client}>
      <I18nProvider>{ui}</I18nProvider>
    </QueryClientProvider>,
  );
  return { ...result, calls };
}
