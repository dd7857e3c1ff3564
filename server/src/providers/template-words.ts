/**
 * The words providers use for a template's category and quality → ours. Meta and Zenvia list the
 * same WhatsApp categories (and the same legacy ones, whatsapp-protocol.md §1.3, §2.3) and the same
 * four quality ratings.
 */
import { TemplateCategory, TemplateQuality } from '../../../shared/api/templates';
import type { ProviderTemplate } from './types';

/** WhatsApp's categories before 2023 (and OTP/TRANSACTIONAL): what each is billed as now. */
const LEGACY_CATEGORIES: Record<string, TemplateCategory> = {
  OTP: 'AUTHENTICATION',
  TRANSACTIONAL: 'UTILITY',
  ACCOUNT_UPDATE: 'UTILITY',
  ALERT_UPDATE: 'UTILITY',
  APPOINTMENT_UPDATE: 'UTILITY',
  AUTO_REPLY: 'UTILITY',
  ISSUE_RESOLUTION: 'UTILITY',
  PAYMENT_UPDATE: 'UTILITY',
  PERSONAL_FINANCE_UPDATE: 'UTILITY',
  RESERVATION_UPDATE: 'UTILITY',
  SHIPPING_UPDATE: 'UTILITY',
  TICKET_UPDATE: 'UTILITY',
  TRANSPORTATION_UPDATE: 'UTILITY',
};

/**
 * A category word → our pricing category, plus the word itself when it is not one of ours.
 * An unknown word is billed as MARKETING (the dearest: consumption reports never undercount).
 */
export function mapCategory(raw: string | undefined): { category: TemplateCategory; providerCategory: string | null } | null {
  const upper = raw?.trim().toUpperCase();
  if (!upper) return null;
  const ours = TemplateCategory.safeParse(upper);
  if (ours.success) return { category: ours.data, providerCategory: null };
  return { category: LEGACY_CATEGORIES[upper] ?? 'MARKETING', providerCategory: upper };
}

/** A quality rating: a plain word, or Meta's `{score: 'GREEN'}` when listing; null when unknown. */
export function mapQuality(raw: unknown): ProviderTemplate['quality'] {
  const score = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { score?: unknown }).score : raw;
  const parsed = TemplateQuality.safeParse(typeof score === 'string' ? score.toUpperCase() : score);
  return parsed.success ? parsed.data : null;
}
