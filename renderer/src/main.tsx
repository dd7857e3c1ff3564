import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { DesktopError } from './api/desktop';
import { I18nProvider } from './i18n/i18n';
import './styles/tokens.css';
import './styles/app.css';
import './styles/templates.css';
import './styles/tickets.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The core already retries safe requests; a refusal (404, 403...) is not worth retrying here.
      retry: (count, error) => count < 1 && !(error instanceof DesktopError && error.appError.status !== undefined),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <App />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
