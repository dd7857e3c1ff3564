/**
 * What a template costs (issue 20): the rate card Meta publishes (`PUT/GET /admin/rate-card`),
 * the quote before a send (`POST /template-sends/quote`) and monthly budgets per category
 * (`PUT/GET /admin/budgets`). Prices are per delivered template, in the card's currency.
 */
import { z } from 'zod';
import { IsoDate } from './schemas';
import { TemplateCategory } from './templates';

/** The category a delivered template is billed in (Meta's status `pricing.category`, upper case). */
export const PricingCategory = z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION', 'AUTHENTICATION_INTERNATIONAL']);
export type PricingCategory = z.infer<typeof PricingCategory>;

/** ISO 3166-1 alpha-2, or `*`: every country no other market of the card names (Meta's "Other"). */
export const MarketCountry = z.string().regex(/^([A-Z]{2}|\*)$/, 'an ISO 3166-1 alpha-2 code (BR) or *');
/** A price per delivered template; null: Meta gives none for this market ("n/a"). */
const Price = z.number().min(0).max(1_000_000).nullable();

export const RateCardMarket = z.object({
  market: z.string().trim().min(1).max(120),
  countries: z.array(MarketCountry).min(1).max(300),
  marketing: Price,
  utility: Price,
  authentication: Price,
  authenticationInternational: Price.default(null),
});
export type RateCardMarket = z.infer<typeof RateCardMarket>;

export const Currency = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'an ISO 4217 code (USD, BRL)');

/** `PUT /admin/rate-card` as JSON; a card with the same effectiveFrom is replaced. */
export const RateCardInput = z.object({
  currency: Currency,
  /** The first day (UTC) the card is in force. */
  effectiveFrom: z.iso.date(),
  /** Shown to administrators; the demo card says it is a demo. */
  name: z.string().trim().max(200).nullable().optional(),
  markets: z.array(RateCardMarket).min(1).max(500),
});
export type RateCardInput = z.input<typeof RateCardInput>;

/** `PUT /admin/rate-card` as `text/csv`: the effective date when the file's preamble does not say it. */
export const RateCardCsvQuery = z.object({ effectiveFrom: z.iso.date().optional(), name: z.string().trim().max(200).optional() });

export const RateCard = z.object({
  currency: z.string(),
  effectiveFrom: z.string(),
  name: z.string().nullable(),
  markets: z.array(RateCardMarket),
  loadedAt: IsoDate,
});
export type RateCard = z.infer<typeof RateCard>;

/** `GET /admin/rate-card`: every card, newest first, and which one is in force now. */
export const RateCardList = z.object({
  cards: z.array(RateCard),
  inForce: z.string().nullable(),
  /** BUSINESS_COUNTRY: where authentication-international does not apply (null: it never applies). */
  businessCountry: z.string().nullable(),
  serverTime: IsoDate,
});
export type RateCardList = z.infer<typeof RateCardList>;

export const QuoteReason = z.enum(['CHARGED', 'FREE_SERVICE_WINDOW', 'FREE_ENTRY_POINT', 'NO_RATE']);
export type QuoteReason = z.infer<typeof QuoteReason>;

export const TemplateQuoteRequest = z.object({ contactId: z.string().min(1).max(100), templateId: z.string().min(1).max(100) });

/** `POST /template-sends/quote`: what sending this template to this contact now would cost. */
export const TemplateQuote = z.object({
  billable: z.boolean(),
  reason: QuoteReason,
  category: PricingCategory,
  /** The rate card's market (e.g. "Brazil", "Rest of Latin America"); null when unknown. */
  market: z.string().nullable(),
  /** The recipient's country from the phone number's calling code; null when unknown. */
  country: z.string().nullable(),
  currency: z.string().nullable(),
  /** 0 when free; null with NO_RATE (no card, no market, or no price for the category). */
  amount: z.number().nullable(),
  serverTime: IsoDate.optional(),
});
export type TemplateQuote = z.infer<typeof TemplateQuote>;

export const BUDGET_THRESHOLDS = [80, 100] as const;

export const BudgetInput = z.object({
  budgets: z.array(z.object({ category: TemplateCategory, amount: z.number().positive().max(1_000_000_000).nullable(), currency: Currency })).max(3),
});
export type BudgetInput = z.input<typeof BudgetInput>;

/** `GET /admin/budgets`: each category's monthly budget and this month's estimated spend. */
export const BudgetList = z.object({
  month: z.string(),
  items: z.array(z.object({ category: TemplateCategory, amount: z.number(), currency: z.string(), spent: z.number() })),
  serverTime: IsoDate,
});
export type BudgetList = z.infer<typeof BudgetList>;
