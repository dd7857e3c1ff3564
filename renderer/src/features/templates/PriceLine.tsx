import { useQuery } from '@tanstack/react-query';
import type { TemplateQuote } from '../../../../shared/api/pricing';
import type { MessageKey } from '../../../../shared/i18n';
import { formatMoney } from '../../../../shared/i18n/money';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { useUi } from '../../state/ui';
import '../../styles/pricing.css';

/** The country's name in the user's language ("Brasil"), from its ISO code. */
function countryName(language: string, country: string | null): string | null {
  if (!country) return null;
  try {
    return new Intl.DisplayNames(language, { type: 'region' }).of(country) ?? country;
  } catch {
    return country;
  }
}

/** What the quote says, in words: free and why, the price, or that no price is configured. */
function quoteText(t: (key: MessageKey, params?: Record<string, string | number>) => string, language: string, quote: TemplateQuote): string {
  if (quote.reason === 'FREE_SERVICE_WINDOW') return t('price.free.serviceWindow');
  if (quote.reason === 'FREE_ENTRY_POINT') return t('price.free.entryPoint');
  const category = t(`price.category.${quote.category}`);
  const country = countryName(language, quote.country) ?? t('price.unknownCountry');
  if (quote.reason === 'NO_RATE') return t('price.noRate.admin', { country, category });
  return t('price.charged', { category, country, amount: formatMoney(language, quote.amount ?? 0, quote.currency ?? 'USD') });
}

/**
 * Beside Send in the template picker: what this template costs this contact now (the server's
 * quote, the same rule the send records). Administrators told "price not configured" get a way to
 * the rate card.
 */
export function PriceLine({ contactId, templateId }: { contactId: string; templateId: string }) {
  const { t, language } = useI18n();
  const showSection = useUi((s) => s.showSection);
  const auth = useQuery({ queryKey: keys.auth, queryFn: () => call(api().auth.status()), staleTime: Infinity });
  const admin = auth.data?.state === 'signedIn' && auth.data.user.role === 'administrator';
  const quote = useQuery({
    queryKey: keys.quote(contactId, templateId),
    queryFn: () => call(api().templates.quote({ contactId, templateId })),
    staleTime: 30_000,
  });
  if (quote.isError) return null; // the price is a hint: the send itself says what is wrong
  const data = quote.data;
  const free = data && !data.billable;
  return (
    <p className={`price-line${free ? ' free' : ''}${data?.reason === 'NO_RATE' ? ' unknown' : ''}`} data-testid="template-price" role="status" aria-label={t('price.label')}>
      {!data ? (
        <span className="muted">{t('price.loading')}</span>
      ) : data.reason === 'NO_RATE' && !admin ? (
        <span>{t('price.noRate')}</span>
      ) : (
        <span>{quoteText(t, language, data)}</span>
      )}
      {data?.reason === 'NO_RATE' && admin && (
        <button type="button" className="link" data-testid="open-rate-card" onClick={() => showSection('consumption')}>
          {t('price.openRateCard')}
        </button>
      )}
    </p>
  );
}
