/**
 * Long lists (issue 15), on a stack of its own (hundreds of conversations would push the demo
 * contacts out of the shared inbox's first screen): an inbox of 300 new customers scrolled from
 * top to bottom with no button, pages coming from the cursor API as it goes, with only the rows in
 * view in the page; arrows, Home and End; a chat of 240 messages (long texts and a photo) that
 * opens at the newest, loads older ones when scrolled up without moving the message read, and
 * follows a new message only from the bottom; rows whole at 1024 px after a resize with a dialog
 * open. Screenshots at 1024, 1366 and 1920 px go to SHOTS_DIR (default /tmp/shots-long-lists).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { signIn } from './support/app';
import { png } from './support/files';
import { customersWrite, customerWrites, pointServerApiAt, uploadFile } from './support/server-api';
import { startStack, type Stack } from './support/stack';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-long-lists';
const CUSTOMERS = 300;
const LONG_CHAT = '+5511970009999';
const LONG_CHAT_MESSAGES = 240;
const PHOTO_LAST = '+5511970008888';
/** Unassigned conversations: the customers', the long chat's and the photo chat's. */
const UNASSIGNED = CUSTOMERS + 2;
const phone = (i: number) => `+55119700${String(i).padStart(5, '0')}`;
const longText = (i: number) => `Mensagem ${i}: ` + 'o pedido chegou com a caixa amassada e eu queria saber se posso trocar. '.repeat(i % 10 === 0 ? 6 : 1);

let stack: Stack;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  test.setTimeout(240_000);
  stack = await startStack();
  pointServerApiAt(stack.serverUrl);
  const photo = await uploadFile(png(480, 320), 'caixa.png', 'image/png');
  await customersWrite([
    ...Array.from({ length: LONG_CHAT_MESSAGES }, (_, i) => ({ from: LONG_CHAT, text: longText(i + 1), attachmentId: i + 1 === 200 ? photo.id : undefined })),
    // A short chat whose photo comes just before its newest message (as Bruno's demo chat).
    ...[...Array.from({ length: 12 }, (_, i) => `Bom dia ${i + 1}`), 'Foto da caixa', 'Chegou assim', 'A última mensagem']
      .map((text) => ({ from: PHOTO_LAST, text, attachmentId: text === 'Foto da caixa' ? photo.id : undefined })),
    ...Array.from({ length: CUSTOMERS }, (_, i) => ({ from: phone(i + 1), text: `Olá, sou o cliente ${i + 1}` })),
  ]);
});
test.afterAll(async () => {
  pointServerApiAt(null);
  await stack?.stop();
});

async function agent(page: Page) {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, 'agent@demo.test', undefined, stack);
  await page.getByTestId('inbox-tab-unassigned').click();
  await expect(page.getByTestId('conversation-row').first()).toBeVisible();
}

async function shots(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: width === 1920 ? 1080 : 768 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** Every inbox row's content fits inside the row (none clipped at its right edge). */
async function rowsFit(page: Page) {
  const overflow = await page.getByTestId('conversation-row').evaluateAll((rows) =>
    rows.map((row) => {
      const box = row.getBoundingClientRect();
      const right = Math.max(...[...row.querySelectorAll('.row-time, .badge, .unread-badge')].map((el) => el.getBoundingClientRect().right));
      return Math.round(right - (box.right - parseFloat(row.ownerDocument.defaultView!.getComputedStyle(row).paddingRight)));
    }),
  );
  expect(Math.max(...overflow)).toBeLessThanOrEqual(0);
}

const top = (locator: Locator) => locator.evaluate((el) => el.getBoundingClientRect().top);

test('an inbox of 300 conversations scrolls from top to bottom without a button, with only the rows in view in the page', async ({ page }) => {
  await agent(page);
  const rows = page.getByTestId('conversation-row');
  await expect(page.getByTestId('inbox-tab-unassigned')).toContainText(String(UNASSIGNED));
  expect(await rows.count()).toBeLessThan(30);
  await expect(page.getByText('Load more')).toHaveCount(0);
  await shots(page, 'inbox-many');

  // Down to the end: the last row comes into view, pages loading on the way.
  const scroller = page.locator('.rows-scroller');
  const last = page.locator(`[data-testid="conversation-row"][aria-posinset="${UNASSIGNED}"]`);
  await expect(async () => {
    await scroller.evaluate((el) => el.scrollBy(0, el.scrollHeight));
    await expect(last).toBeInViewport({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await expect(last).toHaveAttribute('aria-setsize', String(UNASSIGNED));
  expect(await rows.count()).toBeLessThan(30);

  // Keyboard: Home goes back to the first row, arrows step, End to the last; focus follows.
  await last.click();
  const focused = page.locator('.row:focus');
  await page.keyboard.press('Home');
  await expect(focused).toHaveAttribute('aria-posinset', '1');
  await expect(focused).toBeInViewport();
  await page.keyboard.press('ArrowDown');
  await expect(focused).toHaveAttribute('aria-posinset', '2');
  await page.keyboard.press('End');
  await expect(focused).toHaveAttribute('aria-posinset', String(UNASSIGNED));
  await expect(focused).toHaveAttribute('aria-selected', 'true');
  await expect(focused).toBeInViewport();

  // A live message moves a row up to the top; the agent down the list keeps reading where they were.
  const selected = await focused.getAttribute('data-conversation-id');
  const before = await top(focused);
  await customerWrites(phone(150), 'Alguém aí?');
  await page.waitForTimeout(1_000);
  await expect(focused).toHaveAttribute('data-conversation-id', selected!);
  expect(Math.abs((await top(focused)) - before)).toBeLessThanOrEqual(2);
});

test('a chat of 240 messages opens at the newest, loads older ones upwards in place, and follows new ones only from the bottom', async ({ page }) => {
  await agent(page);
  await page.getByRole('searchbox').fill(LONG_CHAT.slice(-8));
  await page.getByTestId('conversation-row').first().click();
  const view = page.getByTestId('conversation-view');
  const messages = view.getByTestId('message');
  await expect(messages.filter({ hasText: `Mensagem ${LONG_CHAT_MESSAGES}:` })).toBeInViewport();
  expect(await messages.count()).toBeLessThan(60);
  await shots(page, 'long-chat');

  // Up to the top: 100 messages a page; older ones come in above and the message read stays in view.
  const list = view.locator('.messages');
  await list.evaluate((el) => el.scrollTo(0, 0));
  await expect(messages.filter({ hasText: 'Mensagem 140:' })).toBeAttached();
  await expect(messages.filter({ hasText: 'Mensagem 141:' })).toBeInViewport();
  await expect(async () => {
    await list.evaluate((el) => el.scrollTo(0, 0));
    await expect(messages.filter({ hasText: 'Mensagem 1:' })).toBeInViewport({ timeout: 500 });
  }).toPass({ timeout: 30_000 });
  await shots(page, 'long-chat-start');

  // Down to the photo (message 200): measured once loaded, no row overlaps the next.
  const photo = messages.filter({ hasText: 'Mensagem 200:' });
  await expect(async () => {
    await list.evaluate((el) => el.scrollBy(0, 700));
    await expect(photo).toBeAttached({ timeout: 300 });
  }).toPass({ timeout: 30_000 });
  await photo.scrollIntoViewIfNeeded();
  await expect(photo.getByRole('img').first()).toBeVisible();
  await page.waitForTimeout(300);
  const boxes = await view.locator('.chat-row').evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect()).map((r) => [r.top, r.bottom] as const).sort((a, b) => a[0] - b[0]));
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]![0]).toBeGreaterThanOrEqual(boxes[i - 1]![1] - 1);
  await shots(page, 'long-chat-photo');

  // In the middle: a message at the top of the view stays there when a new one arrives below.
  await list.evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
  await page.waitForTimeout(300);
  const reading = messages.nth(3);
  const id = await reading.getAttribute('data-message-id');
  const at = await top(reading);
  await customerWrites(LONG_CHAT, 'Nova mensagem enquanto leio');
  await page.waitForTimeout(1_000);
  await expect(messages.filter({ hasText: 'Nova mensagem enquanto leio' })).toHaveCount(0);
  expect(Math.abs((await top(view.locator(`[data-message-id="${id}"]`))) - at)).toBeLessThanOrEqual(2);

  // At the bottom: the next one is followed.
  await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(messages.filter({ hasText: 'Nova mensagem enquanto leio' })).toBeInViewport();
  await customerWrites(LONG_CHAT, 'E mais uma');
  await expect(messages.filter({ hasText: 'E mais uma' })).toBeInViewport();
});

test('a chat opens at its newest message, and stays there once the photo above it has loaded', async ({ page }) => {
  // The photo comes a moment after the chat has opened, as over a real network.
  await page.route('**/api/v1/attachments/**', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  await agent(page);
  await page.getByRole('searchbox').fill(PHOTO_LAST.slice(-8));
  await page.getByTestId('conversation-row').first().click();
  const view = page.getByTestId('conversation-view');
  const photo = view.getByTestId('message').filter({ hasText: 'Foto da caixa' }).getByRole('img').first();
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((element) => {
    const img = element as unknown as { complete: boolean; naturalHeight: number };
    return img.complete && img.naturalHeight > 0;
  })).toBe(true);
  await page.waitForTimeout(500);
  await expect(view.getByTestId('message').filter({ hasText: 'A última mensagem' })).toBeInViewport({ ratio: 1 });
  await shots(page, 'photo-last');
});

test('at 1024 px after a resize with a dialog open, inbox rows are whole', async ({ page }) => {
  await agent(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('conversation-row').nth(2).click();
  await page.getByTestId('new-conversation-button').click();
  await page.setViewportSize({ width: 1024, height: 768 });
  await rowsFit(page);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/resize-dialog-1024.png` });
});
