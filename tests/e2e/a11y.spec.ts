/**
 * WCAG 2.2 AA on every screen and state (issue 19): axe over each one as each role would reach it,
 * at 1024, 1366 and 1920 px, and with forced colours and increased contrast (support/axe.ts).
 * One page per role walks through its states, so the suite stays short. A stack of its own:
 * customers write here (toasts, a photo), which would spoil the demo data the other specs share.
 */
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/app';
import { audit } from './support/axe';
import { png } from './support/files';
import { ownStack } from './support/own-stack';
import { customerWrites, uploadFile } from './support/server-api';

const stack = ownStack();

async function as(page: Page, email: string) {
  await signIn(page, email, undefined, stack());
  await expect(page.getByTestId('connection-status')).toHaveText(/Live/);
}

const row = (page: Page, name: string) => page.getByTestId('conversation-row').filter({ hasText: name });
const view = (page: Page) => page.getByTestId('conversation-view');

test('login: empty, and with a refusal', async ({ page }) => {
  await page.goto(stack().appUrl);
  await expect(page.getByLabel(/email/i)).toBeVisible();
  await audit(page, 'login');
  await page.getByLabel(/server url/i).fill(stack().serverUrl);
  await page.getByLabel(/email/i).fill('agent@demo.test');
  await page.getByLabel(/password/i).fill('wrong password');
  await page.getByLabel(/password/i).press('Enter');
  await expect(page.getByTestId('login-error')).toBeVisible();
  await audit(page, 'login-error');
});

test("an agent's screens: inbox views, chat in every state, picker, new conversation, tickets, settings, dialogs, toasts", async ({ page }) => {
  test.setTimeout(300_000);
  await as(page, 'agent@demo.test');

  // Mine, with a chat inside its 24-hour window (the selected row's preview and time too).
  await row(page, 'Bruno Costa').click();
  await expect(view(page).getByTestId('window-banner')).toHaveAttribute('data-state', /open|urgent/);
  await audit(page, 'inbox-mine-open-chat');

  // A photo from the customer, opened in the image viewer; closing it gives focus back.
  const { id } = await uploadFile(png(480, 320), 'produto.png', 'image/png');
  await customerWrites('+5511999990001', 'Foto do produto', id);
  const thumbnail = view(page).getByRole('button', { name: /Foto do produto/ });
  await thumbnail.click();
  await expect(page.getByTestId('image-viewer')).toBeVisible();
  await audit(page, 'image-viewer');
  await page.keyboard.press('Escape');
  await expect(thumbnail).toBeFocused();

  await page.getByTestId('inbox-tab-unassigned').click();
  await audit(page, 'inbox-unassigned');

  await page.getByTestId('inbox-tab-waiting').click();
  await row(page, 'Gabriela Rocha').click();
  await expect(view(page).getByTestId('window-banner')).toHaveAttribute('data-state', 'waiting');
  await audit(page, 'inbox-waiting-chat');

  // New conversation: a contact that cannot get a template, and one that can.
  await page.getByTestId('new-conversation-button').click();
  const dialog = page.getByTestId('new-conversation');
  await dialog.getByRole('combobox').fill('Fábio');
  await expect(dialog.getByTestId('contact-option')).toHaveCount(1);
  await audit(page, 'new-conversation-not-on-whatsapp');
  await dialog.getByRole('combobox').fill('Elena');
  await expect(dialog.getByTestId('contact-option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  // A contact with no session opens on the template picker.
  const picker = page.getByTestId('template-picker');
  await expect(picker).toBeVisible();
  await audit(page, 'template-picker');
  await picker.getByTestId('template-option').first().click();
  await expect(picker.getByTestId('template-preview')).toBeVisible();
  await audit(page, 'template-picker-chosen');
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();

  // Tickets: the list, a closed conversation's timeline, and the ticket with its chat beside.
  await page.getByTestId('nav-tickets').click();
  await page.getByTestId('ticket-row').filter({ hasText: 'Troca de produto' }).click();
  await page.getByTestId('chat-action').locator('summary').click();
  await audit(page, 'ticket-timeline');
  await page.getByTestId('chat-action').getByRole('button').last().click();
  await expect(view(page).getByTestId('closed-notice')).toBeVisible();
  await audit(page, 'ticket-closed-chat');

  await page.getByTestId('ticket-row').filter({ hasText: 'Segunda via' }).click();
  await expect(page.getByTestId('timeline')).toHaveCount(0);
  await audit(page, 'ticket-empty-timeline');
  await page.getByTestId('whatsapp-button').click();
  await expect(page.getByTestId('template-picker')).toBeVisible();
  await page.keyboard.press('Escape');
  await audit(page, 'ticket-new-chat');

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-screen')).toBeVisible();
  await audit(page, 'settings-agent');

  // A toast over the settings: the customer replied to the template.
  await customerWrites('+5511999990006', 'Oi! Recebi, pode seguir.');
  const toast = page.getByTestId('toast').first();
  await expect(toast).toBeVisible();
  await toast.hover(); // held while axe runs
  await audit(page, 'toast');
});

test("an operator's screens: the whole team's view, a chat someone else has, the transfer picker", async ({ page }) => {
  test.setTimeout(180_000);
  await as(page, 'operator@demo.test');
  await page.getByTestId('inbox-tab-all').click();
  await row(page, 'Bruno Costa').click();
  await expect(view(page).getByTestId('owner-notice')).toBeVisible();
  await audit(page, 'inbox-all-assigned-to-other');
  const transfer = view(page).getByTestId('transfer-button');
  await transfer.click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await audit(page, 'transfer-picker');
  await page.keyboard.press('Escape');
  await expect(transfer).toBeFocused();

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-screen')).toBeVisible();
  await audit(page, 'settings-operator');
});

test("an administrator's screens: templates that cannot be sent, settings", async ({ page }) => {
  test.setTimeout(180_000);
  await as(page, 'admin@demo.test');
  await page.getByTestId('nav-tickets').click();
  await page.getByTestId('ticket-row').filter({ hasText: 'Dúvida sobre entrega' }).click();
  await audit(page, 'ticket-contact-in-chatbot');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-screen')).toBeVisible();
  await audit(page, 'settings-administrator');
  await page.getByTestId('nav-inbox').click();
  await page.getByTestId('new-conversation-button').click();
  await page.getByTestId('new-conversation').getByRole('combobox').fill('Elena');
  await expect(page.getByTestId('contact-option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('template-unsendable').first()).toBeVisible();
  await audit(page, 'template-picker-administrator');
});

test("a supervisor's screens: the board, a chat read beside it, consumption, settings", async ({ page }) => {
  test.setTimeout(180_000);
  await as(page, 'supervisor@demo.test');
  const board = page.getByTestId('supervisor-board');
  await expect(board.getByTestId('board-row').first()).toBeVisible();
  await audit(page, 'supervisor-board');
  await board.getByTestId('board-row').first().getByRole('button').click();
  await expect(view(page)).toBeVisible();
  await audit(page, 'supervisor-chat');
  await page.getByTestId('nav-consumption').click();
  await expect(page.getByTestId('consumption-screen')).toBeVisible();
  await audit(page, 'consumption');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-screen')).toBeVisible();
  await audit(page, 'settings-supervisor');
});

/** Runs in the page (a string: these specs compile without the DOM library). */
const FOCUS_RING = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const name = el.tagName.toLowerCase() + (el.getAttribute('data-testid') ? '[' + el.getAttribute('data-testid') + ']' : '') + ' ' + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30);
  return { name, visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
})()`;

/** What moves on the page, plus the app's loading shimmer and spinner (put on the page to be measured). */
const MOVING = `(() => {
  const probes = ['skeleton-line', 'spinner'].map((name) => {
    const el = document.createElement('div');
    el.className = name;
    document.body.append(el);
    return el;
  });
  const longest = (list) => Math.max(...list.split(',').map((v) => parseFloat(v) * (v.trim().endsWith('ms') ? 1 : 1000)));
  const moving = [...document.querySelectorAll('*')]
    .filter((el) => { const style = getComputedStyle(el); return longest(style.animationDuration) > 1 || longest(style.transitionDuration) > 1; })
    .map((el) => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'));
  probes.forEach((el) => el.remove());
  return moving;
})()`;

test('the keyboard: every control shows where focus is; reduced motion stops animations', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await as(page, 'agent@demo.test');
  await row(page, 'Bruno Costa').click();
  await expect(view(page).getByTestId('composer')).toBeVisible();
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  const unseen: string[] = [];
  const reached = new Set<string>();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<{ name: string; visible: boolean } | null>(FOCUS_RING);
    if (focused) reached.add(focused.name);
    if (focused && !focused.visible) unseen.push(focused.name);
  }
  expect(reached.size, 'controls reached by Tab').toBeGreaterThan(10);
  expect(unseen, 'focused without a visible ring').toEqual([]);
  expect(await page.evaluate<string[]>(MOVING), 'moving with reduced motion asked for').toEqual([]);
});
