/**
 * Issue 20: the price of a template beside Send as the agent picks it, and the consumption screen
 * with costs, every day of the period and a CSV download. Sends nothing (Elena stays free for the
 * specs after this one).
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { signInAndWaitForInbox, snap } from './support/app';

test('the template picker shows what the template costs before it is sent', async ({ page }) => {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await page.getByTestId('new-conversation-button').click();
  await page.getByTestId('new-conversation').getByRole('combobox').fill('Elena');
  await page.getByTestId('contact-option').filter({ hasText: 'Elena Souza' }).click();
  const picker = page.getByTestId('template-picker');
  await picker.getByRole('searchbox').fill('welcome');
  await picker.getByTestId('template-option').filter({ hasText: 'Welcome back' }).click();
  const price = picker.getByTestId('template-price');
  // The demo rate card: Elena's +55 number is Brazil's market, marketing is always charged.
  await expect(price).toHaveText('Marketing message to Brazil: $0.0625');
  await expect(picker.getByTestId('template-send')).toBeVisible();
  await snap(page, 'pricing-picker-price');

  // A utility template to someone whose window closed long ago is charged too, at its own price.
  await picker.getByRole('searchbox').fill('order_update');
  await picker.getByTestId('template-option').filter({ hasText: 'Order update' }).first().click();
  await expect(price).toContainText('Utility message to Brazil: $0.0068');
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
});

test('the consumption screen shows cost beside interactions, every day of the period, and downloads the view as CSV', async ({ page }) => {
  test.setTimeout(90_000);
  await signInAndWaitForInbox(page, 'admin@demo.test');
  await page.getByTestId('nav-consumption').click();
  const screen = page.getByTestId('consumption-screen');
  await expect(screen.getByTestId('consumption-table')).toBeVisible();
  // 30 days: one row each, days without anything included.
  await expect(screen.getByTestId('consumption-row')).toHaveCount(30);
  await expect(screen.getByRole('columnheader', { name: 'Estimated cost' })).toBeVisible();
  await expect(screen.getByTestId('pricing-admin')).toContainText('DEMO rate card');

  for (const [width, height] of [[1024, 768], [1366, 768], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    await snap(page, `pricing-consumption-${width}`);
    const fits = await page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth');
    expect(fits, `no sideways scroll at ${width} px`).toBe(true);
  }

  await screen.getByTestId('consumption-group').selectOption('category');
  await expect(screen.getByTestId('consumption-row').first()).toBeVisible();
  await page.setViewportSize({ width: 1366, height: 768 });
  await screen.getByTestId('budgets').scrollIntoViewIfNeeded();
  await snap(page, 'pricing-consumption-admin-1366');
  const [download] = await Promise.all([page.waitForEvent('download'), screen.getByTestId('consumption-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^zapdesk-consumption-category-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trim().split('\n');
  expect(lines[0]).toBe('category,label,interactions,billable_messages,unpriced_messages,estimated_cost,currency');
  expect(lines.length - 1).toBe(await screen.getByTestId('consumption-row').count());
});
