/** Conversions from database rows to API shapes. */
export const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : new Date(value).toISOString();

export const isoRequired = (value: Date | string): string => new Date(value).toISOString();
