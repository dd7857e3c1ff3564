/**
 * How people see a template: by a readable title made from its WhatsApp name ("order_update" →
 * "Order update"); the raw name stays for administrators, who manage templates by it. The title
 * has one character per character of the name, so match positions in the name (search
 * highlighting) still point at the same letters.
 */
export function templateTitle(name: string): string {
  const spaced = name.replace(/[_-]/g, ' ');
  return spaced.charAt(0).toLocaleUpperCase() + spaced.slice(1);
}
