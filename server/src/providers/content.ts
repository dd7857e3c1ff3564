/**
 * Structured content of customer messages, one rule for every provider (Meta's webhooks write
 * `formatted_name` and `product_retailer_id`, Zenvia's `formattedName` and `productId`: each passes
 * its field names): places, contact cards, form answers, orders, and the readable text shown for them.
 */
import type { ContactCard, InteractiveReply, Location, Order } from '../../../shared/api/schemas';

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** A place with valid coordinates (both providers name its fields alike), or undefined. */
export function placeOf(raw: Raw | null): Location | undefined {
  const latitude = num(raw?.latitude);
  const longitude = num(raw?.longitude);
  if (latitude === undefined || longitude === undefined || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude, ...(str(raw?.name) ? { name: str(raw?.name) } : {}), ...(str(raw?.address) ? { address: str(raw?.address) } : {}) };
}

/** What the agent reads for a place: its name and address, or its coordinates. */
export function placeText(raw: Raw | null, place: Location | undefined): string {
  return [str(raw?.name), str(raw?.address)].filter(Boolean).join(', ') || (place ? `${place.latitude}, ${place.longitude}` : '[location]');
}

/** Contact cards: a name (or the first number) and the numbers and e-mails, by the provider's field names. */
export function contactCardsOf(
  list: unknown,
  f: { formatted: string; first: string; last: string; waId: string },
): ContactCard[] {
  return arr(list).flatMap((c) => {
    const card = obj(c);
    const name = obj(card?.name);
    const full = str(name?.[f.formatted]) ?? [str(name?.[f.first]), str(name?.[f.last])].filter(Boolean).join(' ');
    const phones = arr(card?.phones).flatMap((p) => str(obj(p)?.phone) ?? str(obj(p)?.[f.waId]) ?? []);
    const emails = arr(card?.emails).flatMap((e) => str(obj(e)?.email) ?? []);
    if (!full && !phones.length) return [];
    return [{ name: full || phones[0]!, phones, ...(emails.length ? { emails } : {}) }];
  });
}

/** A form's answers (`first_name: Bob` → "First name": "Bob"), leaving out the keys in `skip`. */
export function answersOf(values: Raw | null, skip: string[] = []): NonNullable<InteractiveReply['answers']> {
  return Object.entries(values ?? {})
    .filter(([key]) => !skip.includes(key))
    .map(([key, value]) => ({
      question: key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      answer: typeof value === 'string' ? value : Array.isArray(value) ? value.map(String).join(', ') : JSON.stringify(value),
    }));
}

/** An order from its item list, by the provider's field names; the total when every item has a price in one currency. */
export function orderOf(
  raw: Raw | null,
  f: { items: string; productId: string; price: string; catalogId: string },
): Order {
  const items = arr(raw?.[f.items]).flatMap((i) => {
    const item = obj(i);
    const productId = str(item?.[f.productId]);
    if (!productId) return [];
    const price = num(item?.[f.price]);
    return [{ productId, quantity: num(item?.quantity) ?? 1, ...(price !== undefined ? { price } : {}), ...(str(item?.currency) ? { currency: str(item?.currency) } : {}) }];
  });
  const priced = items.length > 0 && items.every((i) => i.price !== undefined && i.currency) && new Set(items.map((i) => i.currency)).size === 1;
  return {
    ...(str(raw?.[f.catalogId]) ? { catalogId: str(raw?.[f.catalogId]) } : {}),
    ...(str(raw?.text) ? { note: str(raw?.text) } : {}),
    items,
    ...(priced ? { total: { amount: Math.round(items.reduce((sum, i) => sum + i.quantity * i.price!, 0) * 100) / 100, currency: items[0]!.currency! } } : {}),
  };
}

/** What the agent reads for an order: "Order: 3 items · 85.5 BRL · note". */
export function orderText(o: Order): string {
  const count = o.items.reduce((n, i) => n + i.quantity, 0);
  return [`Order: ${count} item${count === 1 ? '' : 's'}`, o.total ? `${o.total.amount} ${o.total.currency}` : null, o.note ?? null].filter(Boolean).join(' · ');
}
