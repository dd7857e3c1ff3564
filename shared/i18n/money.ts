/** An amount of money in the user's language: "US$ 0,0625" (pt-BR), "$0.0625" (en); up to 4 decimals, as Meta prices. */
export function formatMoney(language: string, amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
