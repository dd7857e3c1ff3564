import { expect, test } from '@playwright/test';
import { translate } from '../../shared/i18n';
import { appUrl, signIn, signInAndWaitForInbox, snap } from './support/app';
import { freePort } from './support/processes';

test('a wrong password shows the translated error and keeps the user on the login screen', async ({ page }) => {
  await signIn(page, 'agent@demo.test', 'not-the-password');
  await expect(page.getByTestId('login-error')).toHaveText(translate('en', 'error.INVALID_CREDENTIALS'));
  await expect(page.getByLabel(/password/i)).toBeVisible();
  await snap(page, 'login-error-en');
});

test('a server that does not answer gives a clear message, not a blank screen', async ({ page }) => {
  const closedPort = await freePort();
  await page.goto(appUrl());
  await page.getByLabel(/server url/i).fill(`http://127.0.0.1:${closedPort}`);
  await page.getByLabel(/email/i).fill('agent@demo.test');
  await page.getByLabel(/password/i).fill('demo-password');
  await page.getByLabel(/password/i).press('Enter');
  await expect(page.getByTestId('login-error')).toContainText(`127.0.0.1:${closedPort}`);
});

test('switching to Spanish and Portuguese changes the interface text', async ({ page }) => {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  const select = page.getByTestId('language-select');

  await select.selectOption('es');
  await expect(page.getByRole('navigation')).toContainText(translate('es', 'nav.inbox'));
  await page.getByTestId('conversation-row').filter({ hasText: 'Bruno Costa' }).click();
  await expect(page.getByTestId('conversation-view').getByTestId('message').first()).toBeVisible();
  await snap(page, 'conversation-es');

  await select.selectOption('pt-BR');
  await expect(page.getByRole('navigation')).toContainText(translate('pt-BR', 'nav.inbox'));
  await snap(page, 'conversation-pt-BR');

  // The choice is kept: after a reload the interface is still in Portuguese.
  await page.reload();
  await expect(page.getByRole('navigation')).toContainText(translate('pt-BR', 'nav.inbox'));

  // The login screen follows the choice too, and has its own switch.
  await page.getByTestId('logout').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translate('pt-BR', 'login.title'));
  await snap(page, 'login-pt-BR');
  await select.selectOption('es');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translate('es', 'login.title'));
  await expect(page.getByText(translate('es', 'login.password'), { exact: true })).toBeVisible();
  await snap(page, 'login-es');
  await select.selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(translate('en', 'login.title'));
});
