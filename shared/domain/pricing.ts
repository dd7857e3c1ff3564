/**
 * What WhatsApp charges for a template (whatsapp-protocol.md §1.1), as pure functions: per
 * delivered template, by the recipient's market and the billing category. Marketing is always
 * charged; utility only outside an open customer service window; authentication always, at the
 * authentication-international rate where the market has one and the business is based in another
 * country; everything inside an open free-entry-point window is free. An unknown price is never
 * guessed: no card, no market for the country, or no price for the category is NO_RATE.
 */
import type { PricingCategory, QuoteReason, RateCardMarket } from '../api/pricing';
import type { TemplateCategory } from '../api/templates';
import { isBefore, WINDOW_MS } from './window';

/** A free-entry-point window lasts 72 hours from the business's reply. */
export const ENTRY_POINT_WINDOW_MS = 72 * 60 * 60 * 1000;

/**
 * Until when a free-entry-point window makes templates free. The customer wrote from an ad or a
 * Page button at `referredAt`; a reply within 24 h is free and opens 72 h from the reply
 * (`firstReplyAt`). No reply yet: the next one, if sent within the 24 h, is that free reply.
 */
export function entryPointFreeUntil(referredAt: number, firstReplyAt: number | null): number | null {
  if (firstReplyAt === null) return referredAt + WINDOW_MS;
  return firstReplyAt < referredAt + WINDOW_MS ? firstReplyAt + ENTRY_POINT_WINDOW_MS : null;
}

export interface CardForPricing {
  currency: string;
  markets: readonly RateCardMarket[];
}

/** The card's market for a country: the one naming it, else the one for every other country (`*`). */
export function marketFor(card: CardForPricing, country: string | null): RateCardMarket | null {
  if (!country) return null;
  return card.markets.find((m) => m.countries.includes(country)) ?? card.markets.find((m) => m.countries.includes('*')) ?? null;
}

/** The billing category: authentication-international where the market prices it and the business is elsewhere. */
export function billingCategory(category: TemplateCategory, market: RateCardMarket | null, country: string | null, businessCountry: string | null): PricingCategory {
  if (category !== 'AUTHENTICATION') return category;
  const international = market?.authenticationInternational !== null && market?.authenticationInternational !== undefined;
  return international && businessCountry !== null && country !== null && country !== businessCountry ? 'AUTHENTICATION_INTERNATIONAL' : 'AUTHENTICATION';
}

/** A market's price for a billing category; null when the card gives none. */
export function priceOf(market: RateCardMarket, category: PricingCategory): number | null {
  if (category === 'MARKETING') return market.marketing;
  if (category === 'UTILITY') return market.utility;
  if (category === 'AUTHENTICATION') return market.authentication;
  return market.authenticationInternational;
}

export interface QuoteInput {
  category: TemplateCategory;
  now: number;
  /** The customer service window's end (the customer's last message + 24 h); null: never opened. */
  windowExpiresAt: number | null;
  /** The free-entry-point window's end (entryPointFreeUntil); null: none. */
  entryPointUntil: number | null;
  /** The recipient's country (ISO alpha-2) from the phone number; null when unknown. */
  country: string | null;
  businessCountry: string | null;
  /** The rate card in force now; null when none is loaded. */
  card: CardForPricing | null;
}

export interface Quote {
  billable: boolean;
  reason: QuoteReason;
  category: PricingCategory;
  market: string | null;
  country: string | null;
  currency: string | null;
  amount: number | null;
}

/** The one rule for a template's price: the quote before a send and the price kept with it. */
export function quoteTemplate(input: QuoteInput): Quote {
  const market = input.card ? marketFor(input.card, input.country) : null;
  const category = billingCategory(input.category, market, input.country, input.businessCountry);
  const base = { category, market: market?.market ?? null, country: input.country, currency: input.card?.currency ?? null };
  if (isBefore(input.now, input.entryPointUntil)) return { ...base, billable: false, reason: 'FREE_ENTRY_POINT', amount: 0 };
  if (category === 'UTILITY' && isBefore(input.now, input.windowExpiresAt)) return { ...base, billable: false, reason: 'FREE_SERVICE_WINDOW', amount: 0 };
  const amount = market ? priceOf(market, category) : null;
  return { ...base, billable: true, reason: amount === null ? 'NO_RATE' : 'CHARGED', amount };
}

/** Meta's status `pricing.type` for a quote (what the sandbox reports, like Meta does). */
export function pricingTypeOf(reason: QuoteReason): 'regular' | 'free_customer_service' | 'free_entry_point' {
  return reason === 'FREE_ENTRY_POINT' ? 'free_entry_point' : reason === 'FREE_SERVICE_WINDOW' ? 'free_customer_service' : 'regular';
}
