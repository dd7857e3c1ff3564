import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './server-api';

export function appUrl(): string {
  const url = process.env.E2E_APP_URL;
  if (!url) throw new Error('E2E_APP_URL is not set: run through playwright.config.ts');
  return url;
}

/** Signs in through the real login screen (of the shared stack unless another is given). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, stack?: { appUrl: string; serverUrl: string }) {
  await page.goto(stack?.appUrl ?? appUrl());
  await page.getByLabel(/server url/i).fill(stack?.serverUrl ?? process.env.E2E_SERVER_URL!);
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByLabel(/password/i).press('Enter');
}

export async function signInAndWaitForInbox(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByTestId('inbox-list')).toBeVisible();
}

/** Saves a screenshot under test-results/screens for people to look at. */
export async function snap(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}
