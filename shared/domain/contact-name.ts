/**
 * A contact WhatsApp gave no profile name for is stored with its number as the name
 * (`+5511999990009`). Screens show that number once, and nothing takes it for a person's name.
 */

/** Whether the name is only the phone number again (digits equal, no letters). */
export function nameIsPhone(contact: { name: string; phone?: string | null }): boolean {
  const name = contact.name.trim();
  if (name === '' || /\p{L}/u.test(name)) return name === '';
  const digits = name.replace(/\D/g, '');
  return digits.length > 0 && (!contact.phone || digits === contact.phone.replace(/\D/g, ''));
}

/**
 * What a screen shows for a contact: its name with the phone (or e-mail) under it, or, for a
 * contact known only by number, the number once and no subtitle.
 */
export function contactTitle(contact: { name: string; phone?: string | null; email?: string | null }): { title: string; subtitle: string | null } {
  if (nameIsPhone(contact)) return { title: contact.phone ?? contact.name, subtitle: contact.email ?? null };
  return { title: contact.name, subtitle: contact.phone ?? contact.email ?? null };
}

/** The first name to greet a person by, or null when the contact has no real name. */
export function firstName(contact: { name: string; phone?: string | null }): string | null {
  if (nameIsPhone(contact)) return null;
  return contact.name.trim().split(/\s+/)[0] ?? null;
}
