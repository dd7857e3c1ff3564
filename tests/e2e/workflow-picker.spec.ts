import { expect, test, type Page } from '@playwright/test';
import { signInAndWaitForInbox } from './support/app';
import { customerWrites } from './support/server-api';

/** Screenshots at the three widths people use, for a person to look at (SHOTS_DIR puts them elsewhere). */
async function screens(page: Page, name: string) {
  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: width === 1920 ? 1080 : 768 });
    await page.screenshot({ path: `${process.env.SHOTS_DIR ?? 'test-results/screens'}/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 800 });
}

/** New conversation, searched down to one contact (whatever inbox view its chat sits in). */
async function openContact(page: Page, search: string) {
  await page.getByTestId('new-conversation-button').click();
  const dialog = page.getByTestId('new-conversation');
  await dialog.getByRole('combobox').fill(search);
  await expect(dialog.getByRole('option')).toHaveCount(1);
  return dialog;
}

test('New conversation moves with the arrows, Home and End, and Enter opens the contact', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await page.getByTestId('new-conversation-button').click();
  const dialog = page.getByTestId('new-conversation');
  const box = dialog.getByRole('combobox', { name: 'Search contacts by name or phone' });
  await expect(box).toBeFocused();
  const options = dialog.getByRole('option');
  await expect(options.first()).toBeVisible();
  const count = await options.count();
  expect(count).toBeGreaterThan(2);
  const activeIs = async (index: number) => {
    const id = await options.nth(index).getAttribute('id');
    await expect(box).toHaveAttribute('aria-activedescendant', id!);
    await expect(options.nth(index)).toHaveAttribute('aria-selected', 'true');
  };
  await activeIs(0);
  await box.press('ArrowDown');
  await box.press('ArrowDown');
  await activeIs(2);
  await box.press('ArrowUp');
  await activeIs(1);
  await box.press('End');
  await activeIs(count - 1);
  await box.press('Home');
  await activeIs(0);
  await screens(page, 'new-conversation');

  await box.fill('Elena');
  await expect(options).toHaveCount(1);
  await activeIs(0);
  await box.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('template-picker')).toBeVisible();
  await page.keyboard.press('Escape');
});

test('Enter pressed as soon as a name is typed opens that contact, not one listed for the text before', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await signInAndWaitForInbox(page, 'agent@demo.test');
  // Fábio is not on WhatsApp: Enter on his option does nothing, the dialog stays.
  const dialog = await openContact(page, 'Fábio');
  const box = dialog.getByRole('combobox');
  // Elena's options come late (a slow network), so Enter certainly comes before them.
  await page.route(/contacts\?.*q=Elena/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  await box.fill('Elena');
  await box.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('template-picker')).toBeVisible();
  await page.keyboard.press('Escape');
});

test('a Brazilian contact gets the pt_BR version first, labelled fields filled in, and her open ticket', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await signInAndWaitForInbox(page, 'agent@demo.test');
  const dialog = await openContact(page, 'Elena');
  await dialog.getByTestId('contact-option').filter({ hasText: 'Elena Souza' }).click();

  const picker = page.getByTestId('template-picker');
  const search = picker.getByRole('searchbox');
  const first = picker.getByTestId('template-option').first();
  // +55: Portuguese (Brazil), named in the UI language, listed first in the filter and in the results.
  await expect(first).toContainText('Order update');
  await expect(first).toContainText('Portuguese (Brazil)');
  await expect(first.getByTestId('customer-language')).toHaveText("Customer's language");
  await expect(search).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
  await expect(picker.getByTestId('customer-language')).toHaveCount(1);
  const languages = picker.getByRole('combobox', { name: 'Language' }).locator('option');
  await expect(languages.nth(1)).toHaveText("Portuguese (Brazil) (customer's language)");
  await expect(languages).toContainText(['All languages', "Portuguese (Brazil) (customer's language)", 'English (United States)', 'Spanish']);
  await expect(picker.getByTestId('template-option').filter({ hasText: 'pt_BR' })).toHaveCount(0);

  // Searching keeps the customer's version on top: Enter sends the Brazilian one, not the Spanish one.
  await search.fill('order_update');
  await expect(picker.getByTestId('template-option')).toHaveCount(3);
  await expect(first).toContainText('Portuguese (Brazil)');
  await search.press('Enter');
  await expect(picker.locator('.preview-body')).toContainText('Olá Elena, seu pedido');

  // Fields say what they are; the first name is filled in from the contact, the order number is asked.
  const name = picker.getByLabel("Customer's first name");
  const order = picker.getByLabel('Order number');
  await expect(name).toHaveValue('Elena');
  await expect(name).toHaveAttribute('data-prefilled', 'true');
  await expect(order).toHaveValue('');
  await expect(order).toBeFocused();
  await expect(picker.getByText('Field 1')).toHaveCount(0);

  // Her open ticket is preselected, not "A new ticket".
  await expect(picker.getByTestId('ticket-choice').locator('option:checked')).toHaveText(/^#\d+ Segunda via de boleto$/);

  // The disabled Send says why, visibly and as its description.
  const send = page.getByTestId('template-send');
  await expect(send).toBeDisabled();
  await expect(picker.getByTestId('template-send-reason')).toHaveText('Fill in first: Order number.');
  const described = await send.getAttribute('aria-describedby');
  await expect(picker.locator(`[id="${described}"]`)).toHaveText('Fill in first: Order number.');
  await screens(page, 'picker-customer-language');

  await order.fill('A-5150');
  await expect(send).toBeEnabled();
  await expect(picker.getByTestId('template-send-reason')).toHaveCount(0);
  await expect(picker.locator('.preview-body')).toContainText('Olá Elena, seu pedido A-5150');
  await screens(page, 'picker-filled');
  // Nothing is sent: Elena stays free for the other specs.
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
});

test('an unknown number shows its phone once; the disabled Templates button inside the window says why', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  const phone = '+5521988887777';
  await customerWrites(phone, 'Oi, tudo bem? Quero saber do meu pedido');
  await signInAndWaitForInbox(page, 'agent@demo.test');
  const dialog = await openContact(page, '988887777');
  const option = dialog.getByRole('option');
  await expect(option.getByText(phone)).toHaveCount(1);
  await dialog.getByRole('combobox').press('Enter');

  const view = page.getByTestId('conversation-view');
  await expect(view.locator('.chat-head h2')).toHaveText(phone);
  await expect(view.locator('.chat-head').getByText(phone)).toHaveCount(1);
  await expect(view.getByTestId('composer')).toBeEditable();
  const templates = view.getByTestId('templates-button');
  const why = "The customer's window is open: write a free message.";
  await expect(templates).toBeDisabled();
  await expect(templates).toHaveAttribute('title', why);
  const id = await templates.getAttribute('aria-describedby');
  await expect(view.locator(`[id="${id}"]`)).toHaveText(why);
  // The empty composer's Send says what is missing.
  await expect(view.getByTestId('composer-send')).toHaveAttribute('title', 'Write a message or attach a file first.');
  await screens(page, 'unknown-contact');
});

test('the chatbot has Diego: the composer does not wait for a customer who already wrote', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await signInAndWaitForInbox(page, 'agent@demo.test');
  const dialog = await openContact(page, 'Diego');
  await dialog.getByRole('combobox').press('Enter');
  const composer = page.getByTestId('composer');
  await expect(composer).toHaveAttribute('placeholder', /chatbot is talking to the customer/);
  await expect(composer).not.toHaveAttribute('placeholder', /once the customer writes/);
  const templates = page.getByTestId('templates-button');
  await expect(templates).toBeDisabled();
  await expect(templates).toHaveAttribute('title', 'This contact is talking to the chatbot right now.');
});
