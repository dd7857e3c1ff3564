import { expect, test } from '@playwright/test';
import { signInAndWaitForInbox, snap } from './support/app';

test('an administrator sees unsendable templates greyed out with the reason, and cannot pick them', async ({ page }) => {
  await signInAndWaitForInbox(page, 'admin@demo.test');
  await page.getByTestId('new-conversation-button').click();
  await page.getByTestId('new-conversation').getByRole('combobox').fill('Elena');
  await page.getByTestId('contact-option').filter({ hasText: 'Elena Souza' }).click();
  const picker = page.getByTestId('template-picker');
  await picker.getByRole('searchbox').fill('payment');
  const paused = picker.getByTestId('template-option').filter({ hasText: 'payment_reminder' });
  await expect(paused).toHaveAttribute('aria-disabled', 'true');
  await expect(paused.getByTestId('template-unsendable')).toContainText('paused');
  await paused.click({ force: true });
  await expect(page.getByTestId('template-send')).toHaveCount(0);
  await snap(page, 'picker-admin-en');

  // Tab stays inside the dialog; Esc closes it.
  for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
  expect(await picker.evaluate((el) => el.contains(el.ownerDocument.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
});

test('an agent is never offered an unsendable template', async ({ page }) => {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await page.getByTestId('new-conversation-button').click();
  await page.getByTestId('new-conversation').getByRole('combobox').fill('Elena');
  await page.getByTestId('contact-option').filter({ hasText: 'Elena Souza' }).click();
  const picker = page.getByTestId('template-picker');
  await expect(picker.getByTestId('template-option').first()).toBeVisible();
  const names = await picker.getByTestId('template-option').allTextContents();
  expect(names.join(' ')).not.toMatch(/payment_reminder|promo_black_friday|survey_invite/);
  await page.keyboard.press('Escape');
});
