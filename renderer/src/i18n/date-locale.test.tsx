// @vitest-environment jsdom
/** Dates follow the interface language, though date-fns locales load only with the screens that show dates. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { buildDesktopApi } from '../../../shared/ipc/bridge';
import type { InvokeChannel } from '../../../shared/ipc/contract';
import { DayDivider } from '../features/chat/DayDivider';
import { I18nProvider } from './i18n';

function renderDivider(language: string, at: string, now: number) {
  const answers: Partial<Record<InvokeChannel, () => unknown>> = {
    'app:info': () => ({ version: '1', platform: 'linux', host: 'web', systemLocale: 'en' }),
    'settings:get': () => ({ values: { language, serverUrl: 'http://127.0.0.1:1' }, managed: [] }),
  };
  (window as unknown as { api: unknown }).api = buildDesktopApi(async (channel) => ({ ok: true, data: answers[channel]?.() }), () => () => undefined);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <I18nProvider>
        <DayDivider at={at} now={now} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

afterEach(cleanup);

it('writes an earlier day in the interface language', async () => {
  const now = Date.parse('2026-03-20T15:00:00Z');
  renderDivider('pt-BR', '2026-03-02T12:00:00Z', now);
  expect((await screen.findByRole('separator')).textContent).toBe('2 mar 2026');
  cleanup();
  renderDivider('es', '2026-03-02T12:00:00Z', now);
  expect((await screen.findByRole('separator')).textContent).toBe('2 mar 2026');
  cleanup();
  renderDivider('en', '2026-03-02T12:00:00Z', now);
  expect((await screen.findByRole('separator')).textContent).toBe('Mar 2, 2026');
});
