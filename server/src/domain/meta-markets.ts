/**
 * Meta's rate cards name markets, not countries: a country by its English name ("Brazil") or a
 * region ("Rest of Latin America"). The regions are Meta's own definitions from its pricing page
 * (whatsapp-protocol.md §1.1 sources), written here as ISO 3166-1 alpha-2 codes; "Other" is every
 * country no other market names. Country names are matched through the runtime's ICU region names
 * (Intl.DisplayNames) plus the older names Meta's files use.
 */
import { getCountries } from 'libphonenumber-js';

export const META_REGIONS: Record<string, string[]> = {
  'north america': ['CA', 'US'],
  'rest of africa': ['DZ', 'AO', 'BJ', 'BW', 'BF', 'BI', 'CM', 'TD', 'CG', 'ER', 'ET', 'GA', 'GM', 'GH', 'GW', 'CI', 'KE', 'LS', 'LR', 'LY', 'MG', 'MW', 'ML', 'MR', 'MA', 'MZ', 'NA', 'NE', 'RW', 'SN', 'SL', 'SO', 'SS', 'SD', 'SZ', 'TZ', 'TG', 'TN', 'UG', 'ZM', 'ZW'],
  'rest of asia pacific': ['AF', 'AU', 'BD', 'KH', 'CN', 'HK', 'JP', 'LA', 'MN', 'NP', 'NZ', 'PG', 'PH', 'SG', 'LK', 'TW', 'TJ', 'TH', 'TM', 'UZ', 'VN'],
  'rest of central and eastern europe': ['AL', 'AM', 'AZ', 'BY', 'BG', 'HR', 'CZ', 'GE', 'GR', 'HU', 'LV', 'LT', 'MD', 'MK', 'PL', 'RO', 'RS', 'SK', 'SI', 'UA'],
  'rest of latin america': ['BO', 'CR', 'DO', 'EC', 'SV', 'GT', 'HT', 'HN', 'JM', 'NI', 'PA', 'PY', 'PR', 'UY', 'VE'],
  'rest of middle east': ['BH', 'IQ', 'JO', 'KW', 'LB', 'OM', 'QA', 'YE'],
  'rest of western europe': ['AT', 'BE', 'DK', 'FI', 'IE', 'NO', 'PT', 'SE', 'CH'],
  other: ['*'],
};

/** Names in Meta's files that ICU spells otherwise. */
const ALIASES: Record<string, string> = {
  turkey: 'TR', 'czech republic': 'CZ', 'ivory coast': 'CI', swaziland: 'SZ', 'republic of the congo': 'CG', 'hong kong': 'HK',
  uae: 'AE', usa: 'US', uk: 'GB', 'democratic republic of the congo': 'CD', burma: 'MM', myanmar: 'MM', palestine: 'PS', macau: 'MO',
};

export function normalizeName(name: string): string {
  return name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
}

let byName: Map<string, string> | null = null;

function countryNames(): Map<string, string> {
  if (byName) return byName;
  const display = new Intl.DisplayNames('en', { type: 'region' });
  byName = new Map(Object.entries(ALIASES));
  for (const code of getCountries()) {
    const name = display.of(code);
    if (name) byName.set(normalizeName(name), code);
  }
  return byName;
}

/** The ISO countries of a market named as in Meta's files; null when the name is not known. */
export function countriesOfMarket(name: string): string[] | null {
  const key = normalizeName(name);
  if (META_REGIONS[key]) return META_REGIONS[key];
  if (/^[a-z]{2}$/.test(key)) return getCountries().includes(key.toUpperCase() as never) ? [key.toUpperCase()] : null;
  const code = countryNames().get(key);
  return code ? [code] : null;
}
