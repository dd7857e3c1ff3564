/**
 * Deadlines and notifications, on a stack of its own: the sandbox clock moves almost a day here,
 * which would spoil the demo data the other specs share. Its web host records notifications and
 * has an IT policy (tests/e2e/fixtures/policy.json).
 */
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { RecordedNotification } from '../../electron/webhost/server';
import { signIn, snap } from './support/app';
import { advanceClock, customerWrites, pointServerApiAt } from './support/server-api';
import { startStack, type Stack } from './support/stack';

let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStack({ ZAPDESK_RECORD_NOTIFICATIONS: '1', ZAPDESK_POLICY_FILE: resolve('tests/e2e/fixtures/policy.json') });
  pointServerApiAt(stack.serverUrl);
});

test.afterAll(async () => {
  pointServerApiAt(null);
  await stack?.stop();
});

async function recorded(user: string, kind: string): Promise<RecordedNotification[]> {
  const response = await fetch(`${stack.appUrl}/test/notifications`);
  const { items } = (await response.json()) as { items: RecordedNotification[] };
  return items.filter((item) => item.user === user && item.notification.kind === kind);
}

async function online(page: Page) {
  await expect(page.getByTestId('connection-status')).toHaveText(/Live/);
}

test("a supervisor's board lists Gabriela 30 minutes before her auto-close, with one batched alert", async ({ page }) => {
  await signIn(page, 'supervisor@demo.test', undefined, stack);
  const board = page.getByTestId('supervisor-board');
  await expect(board).toBeVisible();
  await expect(board.getByTestId('board-row').filter({ hasText: 'Gabriela Rocha' })).toBeVisible();
  await online(page);
  expect(await recorded('supervisor@demo.test', 'supervisor_expiring')).toEqual([]);

  await advanceClock((22 * 60 + 30) * 60);

  const gabriela = board.getByTestId('board-row').filter({ hasText: 'Gabriela Rocha' });
  await expect(gabriela.getByTestId('board-countdown')).toHaveText(/(29|30) min left/);
  // Bruno's window (customer wrote 2 h before the demo started) has closed meanwhile.
  await expect(board.getByTestId('board-row').filter({ hasText: 'Bruno Costa' })).toHaveCount(0);
  await expect.poll(() => recorded('supervisor@demo.test', 'supervisor_expiring').then((r) => r.length)).toBe(1);
  const [alert] = await recorded('supervisor@demo.test', 'supervisor_expiring');
  expect(alert!.notification).toMatchObject({ urgency: 'critical', title: 'A session expires soon' });
  expect(alert!.notification.body).toMatch(/^Most urgent: Gabriela Rocha \(Ana Ribeiro\), closes without reply in (29|30) min\.$/);
  const toast = page.getByTestId('toast').filter({ hasText: 'Gabriela Rocha' });
  await expect(toast).toBeVisible();

  // Filters: by kind and by agent.
  await board.getByTestId('board-kind').selectOption('window');
  await expect(board.getByText('No session matches these filters.')).toBeVisible();
  await board.getByTestId('board-kind').selectOption('auto_close');
  await board.getByTestId('board-agent').selectOption({ label: 'Ana Ribeiro' });
  await expect(gabriela).toBeVisible();
  await snap(page, 'supervisor-board');

  // The alert opens the conversation, read-only.
  await toast.getByRole('button', { name: /Gabriela Rocha/ }).click();
  const view = page.getByTestId('conversation-view');
  await expect(view.getByRole('heading', { name: 'Gabriela Rocha' })).toBeVisible();
  await expect(view.getByTestId('composer')).toHaveCount(0);
  await snap(page, 'supervisor-board-conversation');
  expect(await recorded('supervisor@demo.test', 'supervisor_expiring')).toHaveLength(1);
});

test('the agent is told Gabriela will close soon, then that she replied', async ({ page }) => {
  await signIn(page, 'agent@demo.test', undefined, stack);
  await expect(page.getByTestId('inbox-list')).toBeVisible();
  await online(page);
  await expect.poll(() => recorded('agent@demo.test', 'auto_close_soon').then((r) => r.map((n) => n.notification.title))).toEqual([
    'No reply from Gabriela Rocha yet',
  ]);

  await customerWrites('+5511999990006', 'Oi! Recebi, pode seguir.');
  const toast = page.getByTestId('toast').filter({ hasText: 'Gabriela Rocha replied' });
  await expect(toast).toBeVisible();
  await snap(page, 'agent-toast-customer-replied');
  const replies = await recorded('agent@demo.test', 'customer_replied');
  expect(replies.map((r) => [r.notification.title, r.notification.silent])).toEqual([['Gabriela Rocha replied', true]]);

  await toast.getByRole('button', { name: /Gabriela Rocha replied/ }).click();
  const view = page.getByTestId('conversation-view');
  await expect(view.getByRole('heading', { name: 'Gabriela Rocha' })).toBeVisible();
  await expect(view.getByTestId('window-banner')).toContainText(/Session window open/i);
});

test('settings keep what the user chose and lock what IT policy sets', async ({ page }) => {
  await signIn(page, 'agent@demo.test', undefined, stack);
  await page.getByTestId('nav-settings').click();
  const screen = page.getByTestId('settings-screen');
  await expect(screen).toBeVisible();
  const sound = screen.getByTestId('setting-notificationSound');
  await expect(sound).toHaveAttribute('data-managed', 'true');
  await expect(sound.getByRole('checkbox')).toBeDisabled();
  await expect(sound.getByRole('checkbox')).not.toBeChecked();
  await expect(sound.getByTestId('managed-badge')).toHaveText('Managed by your organization');
  await expect(screen.getByTestId('setting-startAtLogin').getByRole('checkbox')).toBeDisabled();
  await expect(screen.getByTestId('setting-quietHoursEnabled')).not.toHaveAttribute('data-managed');

  const leads = screen.getByTestId('setting-notifyLeadMinutes').getByRole('textbox');
  await leads.fill('ten');
  await leads.press('Enter');
  await expect(screen.getByText('Use whole minutes from 1 to 1440, at most five values.')).toBeVisible();
  await leads.fill('30, 10');
  await leads.press('Enter');
  await expect(screen.getByText('Saved')).toBeVisible();
  await snap(page, 'settings-managed');

  // Sites whose links open without asking: typed loosely, kept as the origins links are compared with.
  const sites = screen.getByTestId('setting-trustedLinkOrigins');
  const site = sites.getByRole('textbox', { name: 'Site to add' });
  await site.fill('Docs.Example.com/');
  await site.press('Enter');
  await site.fill('*.partner.example.com');
  await sites.getByRole('button', { name: 'Add' }).click();
  await site.fill('https://аpple.com:8443');
  await site.press('Enter');
  await expect(sites.getByTestId('trusted-origin')).toHaveText([/^https:\/\/docs\.example\.com/, /^https:\/\/\*\.partner\.example\.com/, /^https:\/\/xn--pple-43d\.com:8443/]);
  await site.fill('http://insecure.example/path');
  await site.press('Enter');
  await expect(sites.getByRole('alert')).toHaveText('Use an https address without a path, e.g. https://example.com or https://*.example.com.');
  await expect(site).toHaveAttribute('aria-invalid', 'true');
  await sites.getByRole('button', { name: 'Remove https://xn--pple-43d.com:8443' }).click();
  await expect(sites.getByTestId('trusted-origin')).toHaveCount(2);
  await expect(sites.getByRole('button', { name: 'Remove https://*.partner.example.com' })).toBeFocused();
  await screen.getByTestId('setting-startAtLogin').scrollIntoViewIfNeeded();
  await snap(page, 'settings-desktop');

  await page.reload();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('setting-notifyLeadMinutes').getByRole('textbox')).toHaveValue('30, 10');
  await expect(page.getByTestId('trusted-origin')).toHaveText([/docs\.example\.com/, /\*\.partner\.example\.com/]);
});

test('supervisors see opened windows by category: the demo history and Gabriela’s reply to a utility template', async ({ page }) => {
  await signIn(page, 'supervisor@demo.test', undefined, stack);
  await page.getByTestId('nav-consumption').click();
  const screen = page.getByTestId('consumption-screen');
  await expect(screen.getByTestId('consumption-row').first()).toBeVisible();
  await screen.getByTestId('consumption-group').selectOption('category');
  // A row: its name, then interactions (the charged templates and their cost follow, issue 20).
  const leading = (row: string) => screen.getByTestId('consumption-row').filter({ has: page.getByRole('rowheader', { name: row }) }).getByRole('cell').first();
  await expect(screen.getByTestId('consumption-row').getByRole('rowheader')).toHaveText(['Service', 'Utility']);
  await expect(leading('Service')).toHaveText('2');
  await expect(leading('Utility')).toHaveText('1');
  await expect(screen.getByTestId('consumption-table')).toContainText('Total: 3 interactions');
  await screen.getByTestId('consumption-group').selectOption('agent');
  await expect(screen.getByTestId('consumption-row').getByRole('rowheader')).toHaveText(['Ana Ribeiro']);
  await expect(leading('Ana Ribeiro')).toHaveText('3');
  await snap(page, 'consumption-by-agent');
});
