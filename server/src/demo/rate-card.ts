import type { RateCardInput } from '../../../shared/api/pricing';

/**
 * The demo's rate card: example prices in Meta's layout so the console shows what templates cost
 * out of the box. It is named as a demo everywhere it shows; administrators load Meta's real card
 * (PUT /api/v1/admin/rate-card) to replace it (a card with a later effectiveFrom takes over).
 */
export const DEMO_RATE_CARD: Required<Pick<RateCardInput, 'currency' | 'effectiveFrom' | 'markets'>> & { name: string } = {
  currency: 'USD',
  effectiveFrom: '2025-07-01',
  name: 'DEMO rate card: example prices, not Meta’s; load your own',
  markets: [
    { market: 'Brazil', countries: ['BR'], marketing: 0.0625, utility: 0.0068, authentication: 0.0068, authenticationInternational: null },
    { market: 'Argentina', countries: ['AR'], marketing: 0.0618, utility: 0.026, authentication: 0.026, authenticationInternational: null },
    { market: 'Mexico', countries: ['MX'], marketing: 0.0305, utility: 0.0085, authentication: 0.0085, authenticationInternational: null },
    { market: 'North America', countries: ['US', 'CA'], marketing: 0.025, utility: 0.004, authentication: 0.004, authenticationInternational: null },
    { market: 'India', countries: ['IN'], marketing: 0.0107, utility: 0.0014, authentication: 0.0014, authenticationInternational: 0.028 },
  ],
};
