import { expect, test, type Page } from '@playwright/test';
import { translate } from '../../shared/i18n';
import { signIn, signInAndWaitForInbox, snap } from './support/app';
import { advanceClock, customerWrites, getTicket, reportStatus } from './support/server-api';

async function startWith(page: Page, contact: string) {
  await page.getByTestId('new-conversation-button').click();
  await page.getByTestId('new-conversation').getByRole('combobox').fill(contact.split(' ')[0]!);
  await page.getByTestId('contact-option').filter({ hasText: contact }).click();
}

async function pickOrderUpdate(page: Page, name: string, order: string) {
  const picker = page.getByTestId('template-picker');
  await expect(picker).toBeVisible();
  await picker.getByRole('searchbox').fill('order');
  await picker.getByRole('combobox', { name: 'Language' }).selectOption('pt_BR');
  await picker.getByRole('searchbox').press('Enter');
  await expect(page.getByTestId('template-send')).toBeDisabled();
  await picker.getByLabel("Customer's first name").fill(name);
  await picker.getByLabel('Order number').fill(order);
  await expect(picker.locator('.preview-body')).toContainText(`Olá ${name}, seu pedido ${order}`);
}

test('an agent sends order_update to Elena with a 1-hour wait; without a reply it closes into the ticket', async ({ page }) => {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await startWith(page, 'Elena Souza');
  await pickOrderUpdate(page, 'Elena', 'A-1234');
  await page.getByTestId('max-wait').selectOption('60');
  // Elena has an open ticket: the conversation goes to it unless the agent picks a new ticket.
  const ticketChoice = page.getByTestId('ticket-choice');
  await expect(ticketChoice).not.toHaveValue('');
  await expect(ticketChoice.locator('option')).toHaveText([/^#\d+ Segunda via de boleto$/, 'A new ticket']);
  await snap(page, 'picker-en');
  await page.getByTestId('template-send').click();

  const view = page.getByTestId('conversation-view');
  await expect(page.getByTestId('template-picker')).toBeHidden();
  await expect(view.getByTestId('message').getByTestId('template-tag').last()).toContainText('Order update');
  await expect(view.getByTestId('window-banner')).toHaveAttribute('data-state', 'waiting');
  await expect(view.getByTestId('message').last()).toHaveAttribute('data-status', /sent|delivered|read/);
  // A success, said once: the banner (green, ✓) says the template went and until when it waits; no warning repeats it.
  await expect(view.getByTestId('window-banner')).toContainText('Template sent, waiting for the reply');
  await expect(view.getByTestId('send-blocked')).toHaveCount(0);
  await snap(page, 'waiting-en');

  await advanceClock(61 * 60);
  await expect(view.getByTestId('closed-notice')).toHaveAttribute('data-reason', 'no_reply');
  await expect(view.getByTestId('window-banner')).toHaveAttribute('data-state', 'closed');
  // Closed: a new template may be sent again, and the notice names the ticket that holds the history.
  await expect(view.getByTestId('templates-button')).toBeEnabled();
  await expect(view.getByTestId('closed-notice')).toContainText(/#\d+/);
  await snap(page, 'auto-closed-en');

  // "/" at the start of the composer opens the picker again; Esc closes it.
  await page.getByTestId('composer').press('/');
  await expect(page.getByTestId('template-picker')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('template-picker')).toBeHidden();
  const ticketId = await page.evaluate(async () => {
    const list = await (globalThis as any).api.conversations.list({ q: 'Elena' });
    return list.ok ? list.data.items[0]?.ticketId : null;
  });
  const ticket = await getTicket(ticketId!);
  const action = ticket.timeline.find((e: { kind: string }) => e.kind === 'chat_action');
  expect(action.body.closedReason).toBe('no_reply');
  expect(action.body.transcript[0].text).toContain('Olá Elena, seu pedido A-1234');
});

test('Carla replies to a template and the banner counts down from about 24 hours', async ({ page }) => {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await startWith(page, 'Carla Mendes');
  await pickOrderUpdate(page, 'Carla', 'T-77');
  await page.getByTestId('template-send').click();
  const banner = page.getByTestId('conversation-view').getByTestId('window-banner');
  await expect(banner).toHaveAttribute('data-state', 'waiting');
  await customerWrites('+5511999990002', 'Oi! Pode falar.');
  await expect(banner).toHaveAttribute('data-state', 'open');
  await expect(banner).toHaveText(/(23 h 59 min|23 h 58 min|1 d) left/);
  await expect(page.getByTestId('composer')).toBeEditable();
  await snap(page, 'open-window-en');
});

test('Diego is in a chatbot: the chat explains why no template can be sent', async ({ page }) => {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  // A chatbot's conversation is in none of an agent's inbox views: found as a contact.
  await page.getByTestId('new-conversation-button').click();
  await page.getByTestId('new-conversation').getByRole('combobox').fill('Diego');
  await page.getByTestId('contact-option').filter({ hasText: 'Diego Ramos' }).click();
  const view = page.getByTestId('conversation-view');
  await expect(view.getByTestId('window-banner')).toHaveAttribute('data-state', 'bot');
  await expect(view.getByTestId('send-blocked')).toHaveAttribute('data-reason', 'CONTACT_IN_CHATBOT');
  await expect(view.getByTestId('send-blocked')).toContainText('Diego Ramos');
  await expect(view.getByTestId('templates-button')).toBeDisabled();
  await snap(page, 'chatbot-en');
});

test('a supervisor reads conversations but has no send controls', async ({ page }) => {
  await signIn(page, 'supervisor@demo.test');
  // Supervisors land on their board; the inbox is one click away.
  await expect(page.getByTestId('supervisor-board')).toBeVisible();
  await page.getByTestId('nav-inbox').click();
  await expect(page.getByTestId('inbox-list')).toBeVisible();
  await expect(page.getByTestId('new-conversation-button')).toHaveCount(0);
  // Supervisors' views are Unassigned, Waiting and All: Bruno (Ana's) is in All.
  await page.getByTestId('inbox-tab-all').click();
  await page.getByTestId('conversation-row').filter({ hasText: 'Bruno Costa' }).click();
  const view = page.getByTestId('conversation-view');
  await expect(view.getByTestId('message').first()).toBeVisible();
  await expect(view.getByTestId('composer')).toHaveCount(0);
  await expect(view.getByTestId('templates-button')).toHaveCount(0);
  await expect(view.getByTestId('send-blocked')).toHaveText(translate('en', 'blocked.ROLE_NOT_ALLOWED', { role: 'Supervisor' }));
});

test('inside the window an agent writes free text; a failed delivery shows its reason', async ({ page }) => {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await page.getByTestId('conversation-row').filter({ hasText: 'Bruno Costa' }).click();
  const view = page.getByTestId('conversation-view');
  await expect(view.getByTestId('window-banner')).toHaveAttribute('data-state', /open|urgent/);
  const text = `Seu pedido saiu para entrega ${Date.now()}`;
  await page.getByTestId('composer').fill(text);
  await page.getByTestId('composer').press('Enter');
  const mine = view.getByTestId('message').filter({ hasText: text });
  await expect(mine).toHaveAttribute('data-direction', 'outbound');
  await expect(page.getByTestId('composer')).toHaveValue('');
  const messageId = await mine.getAttribute('data-message-id');
  // The code the Meta provider stores for its error 131026; the chat shows its translated text.
  await reportStatus(messageId!, 'failed', { code: 'WHATSAPP_UNDELIVERABLE', message: '(#131026) Message undeliverable' });
  await expect(mine).toHaveAttribute('data-status', 'failed');
  await expect(mine).toContainText(translate('en', 'error.WHATSAPP_UNDELIVERABLE'));
  // Bruno's session is open, so no template is offered.
  await expect(view.getByTestId('templates-button')).toBeDisabled();

  // The agent ends the session by hand: the chat says who closed it, and templates are offered again.
  await view.getByTestId('close-conversation').click();
  await expect(view.getByTestId('closed-notice')).toHaveAttribute('data-reason', 'agent');
  await expect(view.getByTestId('closed-notice')).toContainText('Ana Ribeiro');
  await expect(view.getByTestId('templates-button')).toBeEnabled();
});
