/**
 * What a template's text parameter stands for, so the picker can label it ("Customer's first name",
 * "Order number" instead of "Field 1") and fill it from the contact and the ticket. Told by the
 * parameter's own name (`{{first_name}}`), else by the words in front of it in the template
 * (`Hi {{1}}`, `seu pedido {{2}}`), in English, Spanish or Portuguese.
 */
import type { Template } from '../api/templates';
import { firstName } from './contact-name';
import type { TemplateParameter } from './template-params';

export type ParameterMeaning = 'name' | 'order' | 'ticket' | 'invoice' | 'code';

/** Words that name each meaning, in a parameter's name or just before its placeholder. */
const MEANING_WORDS: Record<ParameterMeaning, readonly string[]> = {
  name: ['name', 'first', 'firstname', 'customer', 'nome', 'nombre', 'cliente'],
  order: ['order', 'pedido', 'encomenda', 'compra', 'purchase'],
  ticket: ['ticket', 'chamado', 'protocolo', 'protocol', 'caso', 'case', 'solicitação', 'solicitud', 'incidencia', 'request'],
  invoice: ['invoice', 'fatura', 'factura', 'boleto', 'bill'],
  code: ['code', 'código', 'codigo', 'otp', 'pin'],
};

/** Greetings right before a placeholder mean it is the person's name (`Hi {{1}},`). */
const GREETINGS = new Set(['hi', 'hello', 'hey', 'dear', 'olá', 'ola', 'oi', 'prezado', 'prezada', 'caro', 'cara', 'querido', 'querida', 'hola', 'estimado', 'estimada', 'dia', 'día', 'tarde', 'noite', 'noche', 'morning', 'afternoon', 'evening']);

/** Words between a noun and its number (`order number {{1}}`, `pedido nº {{1}}`). */
const NUMBER_WORDS = new Set(['number', 'no', 'nº', 'n', 'id', 'número', 'numero', 'num']);

const ORDER: ParameterMeaning[] = ['order', 'ticket', 'invoice', 'code', 'name'];

function meaningOfWords(words: readonly string[]): ParameterMeaning | null {
  for (const meaning of ORDER) if (words.some((w) => MEANING_WORDS[meaning].includes(w))) return meaning;
  return null;
}

function words(text: string): string[] {
  return [...text.toLowerCase().matchAll(/\p{L}+/gu)].map((m) => m[0]);
}

/** The text the parameter appears in: the header's text or the body's. */
function textOf(template: Pick<Template, 'components'>, param: TemplateParameter): string {
  for (const c of template.components) {
    if (param.source === 'header' && c.type === 'HEADER') return c.text ?? '';
    if (param.source === 'body' && c.type === 'BODY') return c.text;
  }
  return '';
}

/** What a text parameter stands for, or null when neither its name nor its place says. */
export function parameterMeaning(template: Pick<Template, 'components' | 'category'>, param: TemplateParameter): ParameterMeaning | null {
  if (param.kind !== 'text') return null;
  if (param.source === 'body' && template.category === 'AUTHENTICATION') return 'code';
  if (!/^\d+$/.test(param.name)) {
    const own = meaningOfWords(param.name.split(/[_\W]+/).filter(Boolean));
    if (own) return own;
  }
  const text = textOf(template, param);
  const at = text.search(new RegExp(`\\{\\{\\s*${param.name}\\s*\\}\\}`));
  if (at < 0) return null;
  // The word just before the placeholder in the same sentence ("pedido" in "seu pedido número {{2}}").
  const sentence = text.slice(0, at).split(/[.!?\n]/).pop() ?? '';
  const before = words(sentence.replace(/\{\{[^}]*\}\}/g, ' '));
  while (before.length > 1 && NUMBER_WORDS.has(before[before.length - 1]!)) before.pop();
  const last = before[before.length - 1];
  if (!last) return null;
  return GREETINGS.has(last) ? 'name' : meaningOfWords([last]);
}

/** A named parameter's name as words (`delivery_date` → `delivery date`), or null for `{{1}}`. */
export function parameterWords(param: Pick<TemplateParameter, 'name'>): string | null {
  if (/^\d+$/.test(param.name)) return null;
  return param.name.replace(/[_\W]+/g, ' ').trim() || null;
}

/** A pattern with the example's shape: `A-1234` → one letter, a dash, four digits; `#1234` → `#` and digits. */
function shapeOf(example: string): RegExp | null {
  const trimmed = example.trim();
  if (!/\d/.test(trimmed) || trimmed.length > 40) return null;
  const pattern = trimmed.replace(/[A-Za-z]+|\d+|[^A-Za-z\d]/g, (part) =>
    /^[A-Za-z]+$/.test(part) ? `[A-Za-z]{${part.length}}` : /^\d+$/.test(part) ? '\\d+' : `\\${part}`,
  );
  return new RegExp(`(?<![A-Za-z\\d])${pattern}(?![A-Za-z\\d])`);
}

export interface PrefillSource {
  contact: { name: string; phone?: string | null };
  /** The ticket the conversation will be linked to, when known. */
  ticket?: { number: number; subject: string } | null;
}

/**
 * Values the picker can fill in before the agent types: the customer's first name, the ticket's
 * number, and an order or invoice number found in the ticket's subject when it has the shape of
 * the template's example (`A-2040` in "Pedido A-2040" for an example `A-1234`).
 */
export function prefillParameters(
  template: Pick<Template, 'components' | 'category'>,
  params: readonly TemplateParameter[],
  source: PrefillSource,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const param of params) {
    const meaning = parameterMeaning(template, param);
    const value = prefillOne(meaning, param.example, source);
    if (value && value.length <= param.maxLength) values[param.key] = value;
  }
  return values;
}

function prefillOne(meaning: ParameterMeaning | null, example: string | undefined, { contact, ticket }: PrefillSource): string | null {
  if (meaning === 'name') return firstName(contact);
  if (!ticket || (meaning !== 'order' && meaning !== 'ticket' && meaning !== 'invoice')) return null;
  const number = String(ticket.number);
  const numeric = example === undefined || /^#?\d+$/.test(example.trim());
  const asExample = example?.trim().startsWith('#') ? `#${number}` : number;
  if (meaning === 'ticket') return numeric ? asExample : null;
  const shape = example ? shapeOf(example) : null;
  const inSubject = shape ? shape.exec(ticket.subject)?.[0] : undefined;
  if (inSubject) return inSubject;
  // An order number shaped like the ticket's number (digits only) is taken to be the ticket's.
  return meaning === 'order' && example !== undefined && numeric ? asExample : null;
}
