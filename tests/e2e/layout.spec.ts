/**
 * Every screen at 1024, 1280, 1366 and 1920 px: no horizontal scroll of the page or of its panes, the
 * brand and navigation are not cut, and the Send button is on screen. Screenshots go to
 * LAYOUT_SHOTS_DIR (default test-results/layout) for people to look at.
 */
import { expect, test, type Page } from '@playwright/test';
import { appUrl, signIn } from './support/app';
import { ownStack } from './support/own-stack';
import { customerWrites } from './support/server-api';

/** 1280: the first width with the full sidebar and the ticket's three columns. */
const WIDTHS = [1024, 1280, 1366, 1920] as const;
const HEIGHT: Record<(typeof WIDTHS)[number], number> = { 1024: 768, 1280: 800, 1366: 768, 1920: 1080 };
const SHOTS = process.env.LAYOUT_SHOTS_DIR ?? 'test-results/layout';
/** The panes of the shell and of the ticket view; none may scroll sideways. */
const PANES = '.topbar, .sidenav, .shell-main > section, .shell-main > aside, .ticket-detail > *, .chat > *, .settings, .login-card';

interface Overflow {
  page: { scrollWidth: number; clientWidth: number };
  panes: { pane: string; scrollWidth: number; clientWidth: number }[];
}

/** Runs in the page (a string: these specs compile without the DOM library). */
const MEASURE = `(() => {
  const doc = document.documentElement;
  const panes = [...document.querySelectorAll(${JSON.stringify(PANES)})]
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'hidden')
    .map((el) => ({ pane: el.tagName.toLowerCase() + '.' + [...el.classList].join('.'), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  return { page: { scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth }, panes };
})()`;

function overflow(page: Page): Promise<Overflow> {
  return page.evaluate<Overflow>(MEASURE);
}

async function inView(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).first().boundingBox();
  const size = page.viewportSize()!;
  expect(box, `${testId} is laid out`).not.toBeNull();
  expect(box!.x, `${testId} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${testId} ends on screen`).toBeLessThanOrEqual(size.width);
  expect(box!.y + box!.height, `${testId} is above the bottom edge`).toBeLessThanOrEqual(size.height);
}

/** At each width: no sideways scroll, a screenshot, and whatever `also` checks. */
async function atEveryWidth(page: Page, screen: string, also: (width: number) => Promise<void> = async () => undefined): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT[width] });
    await page.waitForTimeout(150); // a frame for layout and resize observers
    const found = await overflow(page);
    await page.screenshot({ path: `${SHOTS}/${screen}-${width}.png` });
    expect(found.page.scrollWidth, `${screen} at ${width} px: page scrolls sideways`).toBeLessThanOrEqual(found.page.clientWidth);
    expect(found.panes, `${screen} at ${width} px: panes scroll sideways`).toEqual([]);
    if (await page.locator('.brand').count()) await inView(page, 'connection-status');
    await also(width);
  }
}

async function navigationIsNamed(page: Page): Promise<void> {
  for (const item of await page.getByRole('navigation').getByRole('button').all()) {
    await expect(item).toHaveAccessibleName(/\S/);
    await inViewBox(page, item);
  }
}

async function inViewBox(page: Page, locator: ReturnType<Page['locator']>): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
  expect(box!.y + box!.height).toBeLessThanOrEqual(size.height);
}

test('the login screen fits every width, and loads without a missing file (favicon)', async ({ page }) => {
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(appUrl());
  await expect(page.getByLabel(/email/i)).toBeVisible();
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', /\.png$/);
  await expect.poll(() => page.evaluate<boolean>(`fetch(document.querySelector('link[rel="icon"]').href).then((r) => r.ok)`)).toBe(true);
  await atEveryWidth(page, 'login');
  expect(failed).toEqual([]);
});

test("an agent's screens fit every width, with the Send button on screen", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'agent@demo.test');
  await expect(page.getByTestId('inbox-list')).toBeVisible();
  await page.getByTestId('conversation-row').filter({ hasText: 'Bruno Costa' }).click();
  await expect(page.getByTestId('composer')).toBeVisible();
  await atEveryWidth(page, 'inbox-chat', async () => {
    await inView(page, 'composer-send');
    await navigationIsNamed(page);
  });

  await page.getByTestId('new-conversation-button').click();
  await expect(page.getByTestId('new-conversation')).toBeVisible();
  await atEveryWidth(page, 'new-conversation');
  await page.keyboard.press('Escape');

  await page.getByTestId('nav-tickets').click();
  await expect(page.getByTestId('ticket-list')).toBeVisible();
  await atEveryWidth(page, 'tickets');

  await page.getByTestId('ticket-row').filter({ hasText: 'Troca de produto' }).click();
  await expect(page.getByTestId('chat-action')).toBeVisible();
  await page.getByTestId('chat-action').locator('summary').click();
  await atEveryWidth(page, 'ticket-timeline');

  await page.getByTestId('ticket-row').filter({ hasText: 'Pedido A-1001' }).click();
  await page.getByTestId('ticket-detail').getByTestId('whatsapp-button').click();
  await expect(page.getByTestId('ticket-detail').getByTestId('composer')).toBeVisible();
  await atEveryWidth(page, 'ticket-chat', async () => {
    await inView(page, 'composer-send');
    await inView(page, 'whatsapp-button');
  });

  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-screen')).toBeVisible();
  await atEveryWidth(page, 'settings');
});

test("a supervisor's screens fit every width", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'supervisor@demo.test');
  const board = page.getByTestId('supervisor-board');
  await expect(board.getByTestId('board-row').first()).toBeVisible();
  await atEveryWidth(page, 'supervisor-board', () => navigationIsNamed(page));

  await board.getByTestId('board-row').filter({ hasText: 'Gabriela Rocha' }).click();
  await expect(page.getByTestId('conversation-view').getByRole('heading', { name: 'Gabriela Rocha' })).toBeVisible();
  await atEveryWidth(page, 'supervisor-conversation', async () => {
    await inView(page, 'send-blocked');
  });

  await page.getByTestId('nav-consumption').click();
  await expect(page.getByTestId('consumption-screen')).toBeVisible();
  await atEveryWidth(page, 'consumption');
});

test.describe('toasts', () => {
  // A stack of its own: Gabriela's reply would spoil the demo data the other specs share.
  const stack = ownStack();

  test('sit above the composer at every width, and go by themselves', async ({ page }) => {
    await signIn(page, 'agent@demo.test', undefined, stack());
    await page.getByTestId('conversation-row').filter({ hasText: 'Bruno Costa' }).click();
    await expect(page.getByTestId('composer')).toBeVisible();
    await expect(page.getByTestId('connection-status')).toHaveText(/Live/);
    await customerWrites('+5511999990006', 'Oi! Recebi, pode seguir.');
    const toast = page.getByTestId('toast').filter({ hasText: 'Gabriela Rocha replied' });
    await expect(toast).toBeVisible();
    await toast.hover(); // paused while the screenshots are taken
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: HEIGHT[width] });
      await page.waitForTimeout(150);
      await page.screenshot({ path: `${SHOTS}/toast-above-composer-${width}.png` });
      const [card, composer] = await Promise.all([toast.boundingBox(), page.getByTestId('composer-area').boundingBox()]);
      expect(card!.y + card!.height, `toast over the composer at ${width} px`).toBeLessThanOrEqual(composer!.y);
    }
    await inView(page, 'composer-send');
    await page.mouse.move(10, 10);
    await expect(toast).toHaveCount(0, { timeout: 12_000 });
  });
});
