/** Helpers of the pricing suites (issue 20). */
import type { Harness } from './harness';

export async function templateId(h: Harness, token: string, name: string, language?: string): Promise<string> {
  const { body } = await h.api(`/api/v1/templates?q=${name}`, { token });
  return body.items.find((t: { name: string; language: string }) => t.name === name && (!language || t.language === language)).id;
}

/** A customer writes from a new number (sandbox): the contact it made. */
export async function newCustomer(h: Harness, from: string, entryPoint = false): Promise<string> {
  const { body } = await h.api('/api/v1/sandbox/customer-messages', { token: await h.login('admin@demo.test'), body: { from, text: 'Olá', entryPoint } });
  return body.conversation.contactId;
}
