/**
 * Drafts (issue 19): a reply typed and not sent stays with its conversation when the agent
 * switches to another and back, and when the app restarts (here the page reloads: the desktop
 * core keeps it); sending clears it. A stack of its own: a message is sent to Bruno here.
 */
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/app';
import { ownStack } from './support/own-stack';

const stack = ownStack();
const composer = (page: Page) => page.getByTestId('conversation-view').getByTestId('composer');
const open = (page: Page, name: string) => page.getByTestId('conversation-row').filter({ hasText: name }).click();

test('a typed reply survives switching conversations and a restart, and goes once sent', async ({ page }) => {
  await signIn(page, 'agent@demo.test', undefined, stack());
  await open(page, 'Bruno Costa');
  await composer(page).fill('Bruno, a transportadora confirmou a entrega para amanhã');
  await open(page, 'Gabriela Rocha');
  await expect(page.getByTestId('conversation-view').getByRole('heading', { name: 'Gabriela Rocha' })).toBeVisible();
  await open(page, 'Bruno Costa');
  await expect(composer(page)).toHaveValue('Bruno, a transportadora confirmou a entrega para amanhã');

  await page.reload();
  await open(page, 'Bruno Costa');
  await expect(composer(page)).toHaveValue('Bruno, a transportadora confirmou a entrega para amanhã');

  await page.getByTestId('composer-send').click();
  await expect(page.getByTestId('message').last()).toContainText('a transportadora confirmou');
  await expect(composer(page)).toHaveValue('');
  await page.reload();
  await open(page, 'Bruno Costa');
  await expect(page.getByTestId('message').last()).toContainText('a transportadora confirmou');
  await expect(composer(page)).toHaveValue('');
});
