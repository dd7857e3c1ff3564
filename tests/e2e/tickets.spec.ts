import { expect, test } from '@playwright/test';
import { signInAndWaitForInbox, snap } from './support/app';
import { advanceClock } from './support/server-api';

test('from Elena’s ticket, the WhatsApp button sends a template whose transcript lands on that ticket', async ({ page }) => {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await page.getByTestId('nav-tickets').click();
  await page.getByLabel('Search by number, subject or contact').fill('boleto');
  await page.getByTestId('ticket-row').filter({ hasText: 'Segunda via de boleto' }).click();
  const detail = page.getByTestId('ticket-detail');
  await expect(detail).toContainText('Elena Souza');
  await expect(detail).toContainText('+5511999990004');
  await snap(page, 'ticket-en');

  await detail.getByTestId('whatsapp-button').click();
  const picker = page.getByTestId('template-picker');
  await expect(picker).toBeVisible();
  await picker.getByRole('combobox', { name: 'Language' }).selectOption('pt_BR');
  await picker.getByRole('searchbox').fill('order');
  await picker.getByRole('searchbox').press('Enter');
  await picker.getByLabel("Customer's first name").fill('Elena');
  await picker.getByLabel('Order number').fill('B-2026');
  await page.getByTestId('max-wait').selectOption('60');
  await page.getByTestId('template-send').click();
  await expect(detail.getByTestId('message').getByTestId('template-tag').last()).toContainText('Order update');
  await expect(detail.getByTestId('window-banner')).toHaveAttribute('data-state', 'waiting');
  await snap(page, 'ticket-chat-en');

  await advanceClock(61 * 60);
  // Earlier specs may have closed other chats into Elena's open ticket: this send's entry is the one with B-2026.
  const action = detail.getByTestId('chat-action').filter({ hasText: 'no reply' }).filter({ hasText: 'B-2026' });
  await expect(action).toBeVisible();
  await action.locator('summary').click();
  await expect(action).toContainText('Olá Elena, seu pedido B-2026');
  await snap(page, 'ticket-transcript-en');
});

test('a contact in a chatbot shows the WhatsApp button disabled, with the reason', async ({ page }) => {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await page.getByTestId('nav-tickets').click();
  await page.getByTestId('ticket-row').filter({ hasText: 'Dúvida sobre entrega' }).click();
  const detail = page.getByTestId('ticket-detail');
  await expect(detail.getByTestId('whatsapp-button')).toBeDisabled();
  await expect(detail.getByTestId('send-blocked')).toHaveAttribute('data-reason', 'CONTACT_IN_CHATBOT');
  await expect(detail.getByTestId('send-blocked')).toContainText('Diego Ramos');
});

test('a conversation in the inbox links to its ticket', async ({ page }) => {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await page.getByTestId('conversation-row').filter({ hasText: 'Gabriela Rocha' }).click();
  await page.getByTestId('ticket-link').click();
  await expect(page.getByTestId('ticket-detail')).toContainText('Pedido A-2040');
});
