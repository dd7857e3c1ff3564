/**
 * A fake `window.api` for Testing Library tests: answers per channel (a function of the input),
 * records every call, and pushes events; plus a render helper with the app's providers.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { Language } from '../../../shared/ipc/contract';
import { buildDesktopApi, type EventChannel, type InvokeChannel } from '../../../shared/ipc/contract';
import { I18nProvider } from '../i18n/i18n';

export type Answers<Input = Record<string, unknown>> = Partial<Record<InvokeChannel, (input: Input) => unknown>>;

/**
 * `answers` is used as given (a test may change an answer later); the app's info and settings are
 * added when missing. An answer that is already a Result (`ok: false`, say) goes back as it is.
 */
export function fakeDesktop<Input = Record<string, unknown>>(answers: Answers<Input>, language: Language = 'en') {
  const calls: { channel: InvokeChannel; input: Input }[] = [];
  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  answers['app:info'] ??= () => ({ version: '1', platform: 'linux', host: 'web', systemLocale: 'en' });
  answers['settings:get'] ??= () => ({ values: { language, serverUrl: 'http://127.0.0.1:1' }, managed: [] });
  const api = buildDesktopApi(
    async (channel, input) => {
      calls.push({ channel, input: input as Input });
      const answer = answers[channel]?.(input as Input);
      if (answer && typeof answer === 'object' && 'ok' in answer) return answer;
      return answer === undefined ? { ok: false, error: { code: 'NOT_FOUND', message: channel } } : { ok: true, data: answer };
    },
    (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  );
  (window as unknown as { api: unknown }).api = api;
  return {
    api,
    calls,
    called: (channel: InvokeChannel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    push: (channel: EventChannel, payload: unknown) => act(() => listeners.get(channel)?.forEach((l) => l(payload))),
  };
}

/** Renders with a fresh query cache (a fresh cache is what a restarted app has) and the i18n provider. */
export function renderWithApp(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const wrap = (node: ReactNode) => (
    <QueryClientProvider client={client}>
      <I18nProvider>{node}</I18nProvider>
    </QueryClientProvider>
  );
  const result = render(wrap(ui));
  return { ...result, rerender: (next: ReactNode) => result.rerender(wrap(next)) };
}

/** fakeDesktop answering `answers` and renderWithApp in one: returns the render and the calls made. */
export function renderWithFakeDesktop(ui: ReactNode, answers: Answers = {}) {
  const { calls } = fakeDesktop({ ...answers });
  return { ...renderWithApp(ui), calls };
}
