import type { RateCard, RateCardInput, RateCardMarket } from '../../../shared/api/pricing';
import type { Queryable } from '../db/db';

interface CardRow {
  effective_from: string;
  currency: string;
  name: string | null;
  markets: RateCardMarket[];
  loaded_at: Date;
}

const CARD = `to_char(effective_from, 'YYYY-MM-DD') AS effective_from, currency, name, markets, loaded_at`;
const toCard = (r: CardRow): RateCard => ({ effectiveFrom: r.effective_from, currency: r.currency, name: r.name, markets: r.markets, loadedAt: r.loaded_at.toISOString() });

/** Stores a card; one with the same effectiveFrom is replaced. */
export async function putRateCard(db: Queryable, card: Required<Pick<RateCardInput, 'currency' | 'effectiveFrom' | 'markets'>> & { name: string | null }, by: string | null, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO rate_cards (effective_from, currency, name, markets, loaded_by, loaded_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
     ON CONFLICT (effective_from) DO UPDATE SET currency = EXCLUDED.currency, name = EXCLUDED.name, markets = EXCLUDED.markets,
       loaded_by = EXCLUDED.loaded_by, loaded_at = EXCLUDED.loaded_at`,
    [card.effectiveFrom, card.currency, card.name, JSON.stringify(card.markets), by, now],
  );
}

/** Every card, newest first. */
export async function listRateCards(db: Queryable): Promise<RateCard[]> {
  const { rows } = await db.query<CardRow>(`SELECT ${CARD} FROM rate_cards ORDER BY effective_from DESC`);
  return rows.map(toCard);
}

/** The card in force at an instant: the latest starting on or before its UTC day. */
export async function rateCardInForce(db: Queryable, at: Date): Promise<RateCard | null> {
  const { rows } = await db.query<CardRow>(`SELECT ${CARD} FROM rate_cards WHERE effective_from <= ($1::timestamptz AT TIME ZONE 'UTC')::date ORDER BY effective_from DESC LIMIT 1`, [at]);
  return rows[0] ? toCard(rows[0]) : null;
}

export interface PricingFacts {
  phone: string | null;
  /** The customer's last message, any conversation (the customer service window opens from it). */
  lastInboundAt: Date | null;
  /** The latest free entry point (a message from an ad or Page button) and the business's first reply after it. */
  referredAt: Date | null;
  firstReplyAt: Date | null;
}

/** What the price of a template to this contact depends on; null for an unknown contact. */
export async function findPricingFacts(db: Queryable, contactId: string): Promise<PricingFacts | null> {
  const { rows } = await db.query<{ phone: string | null; wa_id: string | null; last_inbound_at: Date | null; referred_at: Date | null; first_reply_at: Date | null }>(
    `SELECT ct.phone, ct.wa_id,
       (SELECT max(m.created_at) FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE c.contact_id = ct.id AND m.direction = 'inbound' AND m.kind <> 'system') AS last_inbound_at,
       ep.referred_at,
       (SELECT min(m.created_at) FROM messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE c.contact_id = ct.id AND m.direction = 'outbound' AND m.kind <> 'system' AND m.status <> 'failed' AND m.created_at >= ep.referred_at) AS first_reply_at
     FROM contacts ct
     LEFT JOIN LATERAL (SELECT referred_at FROM entry_points WHERE contact_id = ct.id ORDER BY referred_at DESC LIMIT 1) ep ON true
     WHERE ct.id = $1`,
    [contactId],
  );
  const r = rows[0];
  if (!r) return null;
  return { phone: r.wa_id ?? r.phone, lastInboundAt: r.last_inbound_at, referredAt: r.referred_at, firstReplyAt: r.first_reply_at };
}

/** Customer messages that came from a free entry point (their conversation's contact). */
export async function insertEntryPoints(db: Queryable, messageIds: string[]): Promise<void> {
  if (!messageIds.length) return;
  await db.query(
    `INSERT INTO entry_points (message_id, contact_id, referred_at)
     SELECT m.id, c.contact_id, m.created_at FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ANY($1::uuid[])
     ON CONFLICT (message_id) DO NOTHING`,
    [messageIds],
  );
}

export interface MessagePrice {
  messageId: string;
  pricingType: 'regular' | 'free_customer_service' | 'free_entry_point';
  category: string;
  billable: boolean;
  country: string | null;
  market: string | null;
  currency: string | null;
  amount: number | null;
  source: 'quote' | 'provider';
}

/** Stores prices; a provider's report replaces what was there (a quote never replaces a report). */
export async function upsertMessagePrices(db: Queryable, prices: MessagePrice[], now: Date): Promise<void> {
  if (!prices.length) return;
  await db.query(
    `INSERT INTO message_prices (message_id, pricing_type, category, billable, country, market, currency, amount, source, priced_at)
     SELECT p.message_id, p.pricing_type, p.category, p.billable, p.country, p.market, p.currency, p.amount, p.source, $2
     FROM jsonb_to_recordset($1::jsonb) AS p(message_id uuid, pricing_type text, category text, billable boolean, country text, market text, currency text, amount numeric, source text)
     ON CONFLICT (message_id) DO UPDATE SET pricing_type = EXCLUDED.pricing_type, category = EXCLUDED.category, billable = EXCLUDED.billable,
       country = EXCLUDED.country, market = EXCLUDED.market, currency = EXCLUDED.currency, amount = EXCLUDED.amount, source = EXCLUDED.source, priced_at = EXCLUDED.priced_at
     WHERE EXCLUDED.source = 'provider' OR message_prices.source = 'quote'`,
    [JSON.stringify(prices.map((p) => ({
      message_id: p.messageId, pricing_type: p.pricingType, category: p.category, billable: p.billable, country: p.country, market: p.market,
      currency: p.currency, amount: p.amount, source: p.source,
    }))), now],
  );
}

/** The stored prices of these messages, with when each was sent (the card in force then prices a report). */
export async function findMessagePrices(db: Queryable, messageIds: string[]): Promise<(MessagePrice & { sentAt: Date })[]> {
  if (!messageIds.length) return [];
  const { rows } = await db.query<{ message_id: string; pricing_type: MessagePrice['pricingType']; category: string; billable: boolean; country: string | null; market: string | null; currency: string | null; amount: number | null; source: MessagePrice['source']; sent_at: Date }>(
    `SELECT p.message_id, p.pricing_type, p.category, p.billable, p.country, p.market, p.currency, p.amount::float8 AS amount, p.source, m.created_at AS sent_at
     FROM message_prices p JOIN messages m ON m.id = p.message_id WHERE p.message_id = ANY($1::uuid[])`,
    [messageIds],
  );
  return rows.map((r) => ({
    messageId: r.message_id, pricingType: r.pricing_type, category: r.category, billable: r.billable, country: r.country, market: r.market,
    currency: r.currency, amount: r.amount === null ? null : Number(r.amount), source: r.source, sentAt: r.sent_at,
  }));
}
