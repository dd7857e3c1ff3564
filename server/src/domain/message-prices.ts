/**
 * The one rule for what an outbound template keeps about its price, for every provider: the quote
 * when it is stored (recordQuotedPrice, in the send's transaction), replaced by what the provider
 * reports (recordReportedPricing: Meta's status `pricing`, and the sandbox's, which reports like
 * Meta). A provider that reports nothing (Zenvia) leaves the quote. Once templates are delivered,
 * budgets are checked (budgets.ts).
 */
import { PricingCategory } from '../../../shared/api/pricing';
import { marketFor, priceOf, pricingTypeOf, type Quote } from '../../../shared/domain/pricing';
import type { Queryable } from '../db/db';
import { findMessagePrices, insertEntryPoints, rateCardInForce, upsertMessagePrices, type MessagePrice } from '../repo/pricing';

/** Meta's status `pricing` object (whatsapp-protocol.md §1.1). */
export interface ReportedPricing {
  type: string;
  category: string;
}

export async function recordQuotedPrice(tx: Queryable, messageId: string, quote: Quote, now: Date): Promise<void> {
  await upsertMessagePrices(tx, [{
    messageId, pricingType: pricingTypeOf(quote.reason), category: quote.category, billable: quote.billable, country: quote.country,
    market: quote.market, currency: quote.currency, amount: quote.amount, source: 'quote',
  }], now);
}

const TYPES = new Set<MessagePrice['pricingType']>(['regular', 'free_customer_service', 'free_entry_point']);

/** `authentication-international` → AUTHENTICATION_INTERNATIONAL; marketing_lite is priced as marketing. */
function categoryOf(reported: string): string {
  return reported.trim().toUpperCase().replace(/[^A-Z]+/g, '_');
}

/**
 * What the provider reported about templates' prices: its type and category replace the quote's,
 * and the amount follows from the rate card in force when the template was sent. Only messages
 * priced at send time (templates) are touched; an unknown type is ignored.
 */
export async function recordReportedPricing(tx: Queryable, reports: { messageId: string; pricing: ReportedPricing }[], now: Date): Promise<void> {
  const usable = reports.filter((r) => TYPES.has(r.pricing.type as MessagePrice['pricingType']));
  const stored = new Map((await findMessagePrices(tx, [...new Set(usable.map((r) => r.messageId))])).map((p) => [p.messageId, p]));
  const next = new Map<string, MessagePrice>();
  for (const { messageId, pricing } of usable) {
    const before = stored.get(messageId);
    if (!before) continue;
    const type = pricing.type as MessagePrice['pricingType'];
    const category = categoryOf(pricing.category);
    const billable = type === 'regular';
    let amount: number | null = 0;
    let { currency, market } = before;
    if (billable) {
      const card = await rateCardInForce(tx, before.sentAt);
      const found = card ? marketFor(card, before.country) : null;
      const priced = PricingCategory.safeParse(category === 'MARKETING_LITE' ? 'MARKETING' : category);
      amount = found && priced.success ? priceOf(found, priced.data) : null;
      currency = card?.currency ?? currency;
      market = found?.market ?? market;
    }
    next.set(messageId, { ...before, pricingType: type, category, billable, amount, currency, market, source: 'provider' });
  }
  await upsertMessagePrices(tx, [...next.values()], now);
}

/**
 * The sandbox stands in for Meta: its status reports carry `pricing` as Meta's would, which is
 * what the send quoted (type and category in Meta's spelling), applied through the same rule.
 */
export async function reportQuoteAsProvider(tx: Queryable, messageId: string, now: Date): Promise<void> {
  const [stored] = await findMessagePrices(tx, [messageId]);
  if (!stored) return;
  const category = stored.category.toLowerCase().replace('authentication_international', 'authentication-international');
  await recordReportedPricing(tx, [{ messageId, pricing: { type: stored.pricingType, category } }], now);
}

/** Customer messages that came from a free entry point: templates after them may be free (pricing.ts). */
export async function recordEntryPoints(tx: Queryable, messageIds: string[]): Promise<void> {
  await insertEntryPoints(tx, messageIds);
}
