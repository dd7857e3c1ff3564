/**
 * Meta's published rate card (CSV, one file per currency): a preamble ("Cost per message in USD,
 * effective July 1, 2025", notes), then the header `Market, Currency, Marketing, Utility,
 * Authentication, "Authentication-\nInternational", Service` and one row per market, "n/a" where
 * Meta gives no price. Read into the JSON card; every bad row is refused with its line number.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { format, isValid, parse as parseDate } from 'date-fns';
import type { RateCardInput, RateCardMarket } from '../../../shared/api/pricing';
import { countriesOfMarket, normalizeName } from './meta-markets';

export interface CsvIssue {
  row: number;
  message: string;
}

const COLUMNS = {
  market: 'market',
  currency: 'currency',
  marketing: 'marketing',
  utility: 'utility',
  authentication: 'authentication',
  authenticationInternational: 'authentication international',
} as const;
type Column = keyof typeof COLUMNS;

const CURRENCY_ALIASES: Record<string, string> = { $US: 'USD', US$: 'USD', R$: 'BRL', '€': 'EUR', '£': 'GBP' };

/** A price cell: a number, or "n/a" / empty for none. */
function price(cell: string | undefined): number | null | undefined {
  const text = (cell ?? '').trim();
  if (text === '' || /^n\/?a$/i.test(text) || text === '-') return null;
  const value = Number(text.replace(/^[$€£]|\s/g, ''));
  return Number.isFinite(value) && value >= 0 && value <= 1_000_000 ? value : undefined;
}

/** "effective July 1, 2025" in the preamble, as YYYY-MM-DD. */
function effectiveDate(preamble: string): string | null {
  const match = /effective\s+(?:from\s+)?([A-Za-z]+\s+\d{1,2},?\s+\d{4})/i.exec(preamble);
  if (!match) return null;
  const date = parseDate(match[1]!.replace(',', ''), 'MMMM d yyyy', new Date(0));
  return isValid(date) ? format(date, 'yyyy-MM-dd') : null;
}

export function parseMetaRateCard(text: string, given: { effectiveFrom?: string; name?: string }): { card: RateCardInput } | { issues: CsvIssue[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text.replace(/\r\n?/g, '\n'), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, info: true, bom: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { issues: [{ row: line, message: `not readable as CSV: ${(error as Error).message}` }] };
  }
  const headerAt = records.findIndex((r) => normalizeName(r.record[0] ?? '') === 'market' && r.record.some((c) => normalizeName(c) === 'currency'));
  if (headerAt === -1) return { issues: [{ row: 1, message: 'no header row (Market, Currency, Marketing, Utility, Authentication, Authentication-International)' }] };
  const header = records[headerAt]!.record.map(normalizeName);
  const index = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const [key, name] of Object.entries(COLUMNS) as [Column, string][]) {
    index[key] = header.indexOf(name);
    if (index[key] === -1 && key !== 'authenticationInternational') missing.push(name);
  }
  if (missing.length) return { issues: [{ row: records[headerAt]!.info.lines, message: `the header has no column ${missing.join(', ')}` }] };

  const preamble = records.slice(0, headerAt).map((r) => r.record.join(',')).join('\n');
  const effectiveFrom = given.effectiveFrom ?? effectiveDate(preamble);
  const issues: CsvIssue[] = [];
  if (!effectiveFrom) issues.push({ row: 1, message: 'no effective date: give ?effectiveFrom=YYYY-MM-DD or keep Meta\'s "effective <date>" line' });
  const markets: RateCardMarket[] = [];
  const currencies = new Set<string>();
  const seen = new Set<string>();
  for (const { record, info } of records.slice(headerAt + 1)) {
    const row = info.lines;
    const cell = (key: Column) => (index[key] === -1 ? undefined : record[index[key]]);
    const market = (cell('market') ?? '').trim();
    if (!market && record.every((c) => !c.trim())) continue;
    if (!market) {
      issues.push({ row, message: 'no market' });
      continue;
    }
    const countries = countriesOfMarket(market);
    if (!countries) issues.push({ row, message: `unknown market "${market}" (a country, one of Meta's regions, or Other)` });
    const currencyText = (cell('currency') ?? '').trim().toUpperCase();
    const currency = CURRENCY_ALIASES[currencyText] ?? currencyText;
    if (!/^[A-Z]{3}$/.test(currency)) issues.push({ row, message: `currency "${currencyText}" is not an ISO 4217 code` });
    else currencies.add(currency);
    const prices = {
      marketing: price(cell('marketing')),
      utility: price(cell('utility')),
      authentication: price(cell('authentication')),
      authenticationInternational: price(cell('authenticationInternational')),
    };
    const bad = Object.entries(prices).filter(([, v]) => v === undefined).map(([k]) => k);
    if (bad.length) issues.push({ row, message: `not a price: ${bad.join(', ')}` });
    if (countries && countries.some((c) => seen.has(c))) issues.push({ row, message: `market "${market}" repeats a country of an earlier row` });
    countries?.forEach((c) => seen.add(c));
    if (countries && !bad.length) markets.push({ market, countries, ...(prices as Record<keyof typeof prices, number | null>) });
  }
  if (currencies.size > 1) issues.push({ row: records[headerAt]!.info.lines, message: `one currency per card, found ${[...currencies].join(', ')}` });
  if (!issues.length && !markets.length) issues.push({ row: records[headerAt]!.info.lines, message: 'no market rows after the header' });
  if (issues.length) return { issues };
  const [currency] = [...currencies];
  return { card: { currency: currency!, effectiveFrom: effectiveFrom!, name: given.name ?? null, markets } };
}
