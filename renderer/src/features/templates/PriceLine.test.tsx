// @vitest-environment jsdom
/** The price beside Send (issue 20), over a fake `window.api`: each reason in words, and the administrators' way to the rate card. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { TemplateQuote } from '../../../../shared/api/pricing';
import { buildDesktopApi } from '../../../../shared/ipc/bridge';
import type { InvokeChannel } from '../../../../shared/ipc/contract';
import { I18nProvider } from '../../i18n/i18n';
import { useUi } from '../../state/ui';
import { PriceLine } from './PriceLine';

function renderLine(quote: Partial<TemplateQuote>, role = 'agent', language = 'en') {
  const answers: Partial<Record<InvokeChannel, () => unknown>> = {
    'app:info': () => ({ version: '1', platform: 'linux', host: 'web', systemLocale: 'en' }),
    'settings:get': () => ({ values: { language, serverUrl: 'http://127.0.0.1:1' }, managed: [] }),
    'auth:status': () => ({ state: 'signedIn', serverUrl: 'http://127.0.0.1:1', user: { id: 'u1', name: 'Marta', email: 'm@x', role } }),
    'templates:quote': () => ({ billable: true, reason: 'CHARGED', category: 'MARKETING', market: 'Brazil', country: 'BR', currency: 'USD', amount: 0.0625, ...quote }),
  };
  (window as unknown as { api: unknown }).api = buildDesktopApi(
    async (channel) => ({ ok: true, data: answers[channel]?.() }),
    () => () => undefined,
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider>
        <PriceLine contactId="k1" templateId="t1" />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('price line', () => {
  afterEach(cleanup);

  it('names the category, the country in the user language and the amount', async () => {
    renderLine({}, 'agent', 'pt-BR');
    expect(await screen.findByText(/^Mensagem de marketing para Brasil: US\$\s0,0625$/)).toBeTruthy();
  });

  it('says why a template is free', async () => {
    renderLine({ billable: false, reason: 'FREE_SERVICE_WINDOW', category: 'UTILITY', amount: 0 });
    expect(await screen.findByText('Free: the customer service window is open')).toBeTruthy();
  });

  it('tells an agent the price is not configured, and gives administrators the rate card', async () => {
    renderLine({ reason: 'NO_RATE', amount: null, market: null, country: 'GB' });
    expect(await screen.findByText('Price not configured')).toBeTruthy();
    expect(screen.queryByTestId('open-rate-card')).toBeNull();
    cleanup();
    renderLine({ reason: 'NO_RATE', amount: null, market: null, country: 'GB' }, 'administrator');
    expect(await screen.findByText('Price not configured for United Kingdom (Marketing).')).toBeTruthy();
    await userEvent.click(await screen.findByTestId('open-rate-card'));
    expect(useUi.getState().section).toBe('consumption');
  });
});
