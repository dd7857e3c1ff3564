import { expect, test } from '@playwright/test';
import { signInAndWaitForInbox, snap } from './support/app';
import { customerWrites } from './support/server-api';

test('an agent sees a customer message arrive live in the open conversation', async ({ page }) => {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await snap(page, 'inbox-en');

  await page.getByTestId('conversation-row').filter({ hasText: 'Bruno Costa' }).click();
  const view = page.getByTestId('conversation-view');
  await expect(view).toContainText('Bruno Costa');
  await expect(view.getByTestId('message').first()).toBeVisible();
  const before = await view.getByTestId('message').count();

  const text = `Live check ${Date.now()}`;
  await customerWrites('+5511999990001', text);

  const arrived = view.getByTestId('message').filter({ hasText: text });
  await expect(arrived).toBeVisible();
  await expect(arrived).toHaveAttribute('data-direction', 'inbound');
  await expect(view.getByTestId('message')).toHaveCount(before + 1);
  // The inbox row shows the new last message too, without a reload.
  await expect(page.getByTestId('conversation-row').filter({ hasText: 'Bruno Costa' })).toContainText(text);
  await snap(page, 'conversation-en');

  await page.getByTestId('logout').click();
  await expect(page.getByLabel(/password/i)).toBeVisible();
});
