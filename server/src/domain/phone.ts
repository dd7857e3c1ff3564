/** Phone numbers as WhatsApp knows them: `wa_id` is the number's digits, without `+`. */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '');
}

/**
 * Every form under which one WhatsApp number may reach us, as digits, the given form first.
 * Brazilian mobiles gained a ninth digit (a leading 9) years ago, but WhatsApp still reports
 * accounts made before the change under the old eight-digit form, and the Cloud API may add or
 * drop that digit on a send (whatsapp-protocol.md §1.2): +55 DD 9XXXXXXXX and +55 DD XXXXXXXX are
 * the same phone. Only mobile ranges (eight-digit numbers starting 6 to 9) get the variant, so a
 * landline is never taken for a mobile.
 */
export function phoneVariants(phone: string): string[] {
  const digits = phoneDigits(phone);
  const variants = [digits];
  const withNine = /^55([1-9]\d)9([6-9]\d{7})$/.exec(digits);
  if (withNine) variants.push(`55${withNine[1]}${withNine[2]}`);
  const withoutNine = /^55([1-9]\d)([6-9]\d{7})$/.exec(digits);
  if (withoutNine) variants.push(`55${withoutNine[1]}9${withoutNine[2]}`);
  return variants;
}

/**
 * The country of a phone number from its calling code and number plan (libphonenumber-js, kept
 * up to date with Google's metadata); null when the number fits no country's plan: never guessed.
 */
export function countryOfPhone(phone: string): string | null {
  return parsePhoneNumberFromString(`+${phoneDigits(phone)}`)?.country ?? null;
}
