/**
 * The price of a template to a contact now: the quote before a send and the price the send keeps,
 * from one function, with the same clock. The rules are shared/domain/pricing.ts; this gathers the
 * facts: the rate card in force, the recipient's country from the phone number, the customer
 * service window (the customer's last message + 24 h, window.ts) and any free-entry-point window.
 */
import type { Template } from '../../../shared/api/templates';
import { entryPointFreeUntil, quoteTemplate, type Quote } from '../../../shared/domain/pricing';
import { windowExpiresAt } from '../../../shared/domain/window';
import type { Queryable } from '../db/db';
import { findPricingFacts, rateCardInForce } from '../repo/pricing';
import { countryOfPhone } from './phone';

/** Null for an unknown contact. */
export async function quoteFor(db: Queryable, contactId: string, template: Pick<Template, 'category'>, now: Date, businessCountry: string | null): Promise<Quote | null> {
  const facts = await findPricingFacts(db, contactId);
  if (!facts) return null;
  return quoteTemplate({
    category: template.category,
    now: now.getTime(),
    windowExpiresAt: facts.lastInboundAt ? windowExpiresAt(facts.lastInboundAt.getTime()) : null,
    entryPointUntil: facts.referredAt ? entryPointFreeUntil(facts.referredAt.getTime(), facts.firstReplyAt?.getTime() ?? null) : null,
    country: facts.phone ? countryOfPhone(facts.phone) : null,
    businessCountry,
    card: await rateCardInForce(db, now),
  });
}
