import { expect, test } from '@playwright/test';
import { signInAndWaitForInbox } from './support/app';

test('from Carla’s ticket, an agent sends order_shipped with its header image link; the transcript says an image went', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await page.getByTestId('nav-tickets').click();
  await page.getByLabel('Search by number, subject or contact').fill('Troca');
  await page.getByTestId('ticket-row').filter({ hasText: 'Troca de produto' }).click();
  const detail = page.getByTestId('ticket-detail');
  await expect(detail).toContainText('Carla Mendes');

  await detail.getByTestId('whatsapp-button').click();
  const picker = page.getByTestId('template-picker');
  await picker.getByRole('searchbox').fill('order_shipped');
  await picker.getByRole('searchbox').press('Enter');
  const preview = picker.getByTestId('template-preview');
  await expect(preview.getByTestId('preview-header-media')).toHaveAttribute('data-format', 'IMAGE');
  await expect(preview.getByTestId('preview-buttons')).toContainText('Track order');
  await expect(preview.getByTestId('preview-buttons')).toContainText('Talk to an agent');

  // The image is required and must be an https link.
  const link = picker.getByLabel('Header image link (https)');
  await expect(link).toBeFocused();
  await picker.getByLabel('Field 1').fill('Carla');
  await picker.getByLabel('Field 2').fill('T-9001');
  await picker.getByLabel('End of the “Track order” link').fill('T-9001');
  await expect(page.getByTestId('template-send')).toBeDisabled();
  await link.fill('http://shop.example.com/box.jpg');
  await expect(picker.getByTestId('header-media')).toContainText('Use a public https:// link');
  await expect(page.getByTestId('template-send')).toBeDisabled();
  await link.fill('https://shop.example.com/photos/box-T-9001.jpg');
  await expect(preview.getByTestId('preview-header-media')).toContainText('box-T-9001.jpg');
  await expect(page.getByTestId('template-send')).toBeEnabled();
  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: width === 1920 ? 1080 : 768 });
    await page.screenshot({ path: `test-results/screens/template-media-picker-${width}.png` });
  }

  await page.getByTestId('max-wait').selectOption('60');
  await page.getByTestId('template-send').click();
  await expect(picker).toBeHidden();
  await expect(detail.getByTestId('template-tag')).toContainText('order_shipped');
  const sent = detail.getByTestId('message').last();
  await expect(sent).toContainText('[image]');
  await expect(sent).toContainText('Hi Carla, your order T-9001 is on its way.');
  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: width === 1920 ? 1080 : 768 });
    await page.screenshot({ path: `test-results/screens/template-media-sent-${width}.png` });
  }

  // Leave Carla free for the other specs: close the conversation this test opened.
  const closed = await page.evaluate(async () => {
    const api = (globalThis as any).api;
    const list = await api.conversations.list({ q: 'Carla' });
    const open = list.ok ? list.data.items.find((c: { state: string }) => c.state !== 'closed') : null;
    return open ? (await api.conversations.close({ id: open.id })).ok : false;
  });
  expect(closed).toBe(true);
});
