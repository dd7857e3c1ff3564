import { expect, test, type Page } from '@playwright/test';
import { signInAndWaitForInbox } from './support/app';
import { MINIMAL_PDF, png } from './support/files';
import { customerWrites, uploadFile } from './support/server-api';

const CARLA = '+5511999990002';

async function openCarlasTicket(page: Page) {
  await page.getByTestId('nav-tickets').click();
  await page.getByLabel('Search by number, subject or contact').fill('Troca');
  await page.getByTestId('ticket-row').filter({ hasText: 'Troca de produto' }).click();
  const detail = page.getByTestId('ticket-detail');
  await expect(detail).toContainText('Carla Mendes');
  return detail;
}

async function screens(page: Page, name: string) {
  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: width === 1920 ? 1080 : 768 });
    await page.screenshot({ path: `test-results/screens/${name}-${width}.png` });
  }
}

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
  // Enter picks the first hit once the list has loaded.
  await expect(picker.getByTestId('template-option')).toHaveCount(1);
  await picker.getByRole('searchbox').press('Enter');
  const preview = picker.getByTestId('template-preview');
  await expect(preview.getByTestId('preview-header-media')).toHaveAttribute('data-format', 'IMAGE');
  await expect(preview.getByTestId('preview-buttons')).toContainText('Track order');
  await expect(preview.getByTestId('preview-buttons')).toContainText('Talk to an agent');

  // The image is required: a file (the first control, focused) or an https link.
  await expect(picker.getByTestId('header-file-button')).toBeFocused();
  const link = picker.getByLabel('Header image link (https)');
  await picker.getByLabel("Customer's first name").fill('Carla');
  await picker.getByLabel('Order number').fill('T-9001');
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
  await expect(detail.getByTestId('message').getByTestId('template-tag').last()).toContainText('Order shipped');
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

test('from Carla’s ticket, order_shipped goes with an uploaded photo as its header; her photo reply lands in the ticket when the chat closes', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await signInAndWaitForInbox(page, 'agent@demo.test');
  const detail = await openCarlasTicket(page);

  await test.step('the header image is a file, checked before upload, uploaded with progress, previewed', async () => {
    await detail.getByTestId('whatsapp-button').click();
    const picker = page.getByTestId('template-picker');
    await picker.getByRole('searchbox').fill('order_shipped');
    await expect(picker.getByTestId('template-option')).toHaveCount(1);
    await picker.getByRole('searchbox').press('Enter');
    await expect(picker.getByTestId('header-file-button')).toBeFocused();
    await picker.getByLabel("Customer's first name").fill('Carla');
    await picker.getByLabel('Order number').fill('T-9002');
    await picker.getByLabel('End of the “Track order” link').fill('T-9002');
    const input = picker.getByTestId('header-file-input');

    // A PDF is a file WhatsApp takes, but not as an image header: refused before any upload.
    await input.setInputFiles({ name: 'label.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF });
    await expect(picker.getByTestId('attachment-problem')).toHaveText('This header takes an image: JPEG or PNG.');
    await expect(picker.getByTestId('upload-progress')).toHaveCount(0);
    await expect(page.getByTestId('template-send')).toBeDisabled();
    await expect(picker.getByLabel('Header image link (https)')).toBeHidden();
    await picker.getByTestId('attachment-remove').click();
    await expect(picker.getByLabel('Header image link (https)')).toBeVisible();

    // Keyboard: the file button is reachable and opens the chooser.
    const chooser = page.waitForEvent('filechooser');
    await picker.getByTestId('header-file-button').focus();
    await page.keyboard.press('Enter');
    await (await chooser).setFiles({ name: 'caixa-T-9002.png', mimeType: 'image/png', buffer: png(640, 360) });
    await expect(picker.getByTestId('attachment-status')).toHaveText('Uploaded, ready to send.');
    await expect(picker.getByTestId('attachment-problem')).toHaveCount(0);
    // The preview shows the uploaded picture through the app's media route (no token, no server URL).
    const image = picker.getByTestId('preview-header-image');
    await expect(image).toHaveAttribute('src', /^\/media\/[A-Za-z0-9_-]+$/);
    await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(640);
    await expect(page.getByTestId('template-send')).toBeEnabled();
    await screens(page, 'template-file-picker');

    await page.getByTestId('max-wait').selectOption('60');
    await page.getByTestId('template-send').click();
    await expect(picker).toBeHidden();
    // The live conversation's message (the ticket's history below may hold an earlier one).
    await expect(detail.getByTestId('message').getByTestId('template-tag').last()).toContainText('Order shipped');
    await expect(detail.getByTestId('message').last()).toContainText('Hi Carla, your order T-9002 is on its way.');
  });

  await test.step('Carla answers with a photo and no caption: the inbox says “Attachment”', async () => {
    const { id } = await uploadFile(png(480, 320), 'caixa-danificada.png', 'image/png');
    await customerWrites(CARLA, '', id);
    const chat = detail.getByTestId('conversation-view');
    await expect(chat.getByTestId('message').last().getByTestId('attachment')).toHaveAttribute('data-state', 'ready');
    await page.getByTestId('nav-inbox').click();
    // Newest activity first: her open conversation is the first of her rows (closed ones follow).
    const row = page.getByTestId('conversation-row').filter({ hasText: 'Carla Mendes' }).first();
    await expect(row.getByTestId('row-preview')).toHaveText('Attachment');
    await expect(row.getByTestId('row-preview')).toHaveAttribute('data-kind', 'media');
    await screens(page, 'inbox-attachment-preview');
    await row.click();
    const view = page.getByTestId('conversation-view');
    await expect(view).toContainText('Carla Mendes');
    await view.getByTestId('close-conversation').click();
    await expect(view.getByTestId('close-conversation')).toBeHidden();
  });

  await test.step('closed, the conversation’s transcript on the ticket shows the photo', async () => {
    const ticket = await openCarlasTicket(page);
    const action = ticket.getByTestId('chat-action').filter({ hasText: 'closed by' }).last();
    await expect(action).toBeVisible();
    await action.locator('summary').click();
    const photo = action.getByTestId('transcript-entry').getByTestId('attachment').filter({ has: page.getByRole('img', { name: 'caixa-danificada.png' }) });
    await expect(photo).toHaveAttribute('data-type', 'image');
    const img = photo.getByRole('img');
    await expect(img).toHaveAttribute('src', /^\/media\//);
    await expect.poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(480);
    await photo.scrollIntoViewIfNeeded();
    for (const width of [1024, 1366, 1920]) {
      await page.setViewportSize({ width, height: width === 1920 ? 1080 : 768 });
      await photo.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/screens/ticket-transcript-photo-${width}.png` });
    }
    // It enlarges like in the chat.
    await photo.getByRole('button').click();
    await expect(page.getByTestId('image-viewer')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('image-viewer')).toBeHidden();
  });
});

test('a marketing template to a customer who stopped marketing messages: a dated warning, and no send', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await signInAndWaitForInbox(page, 'agent@demo.test');
  // The sandbox has no opt-out (it comes from WhatsApp's user_preferences webhook, Meta provider
  // only): the contact as the core answers it is given the date the server would report.
  await page.evaluate(() => {
    const contacts = (globalThis as any).api.contacts;
    const get = contacts.get;
    contacts.get = async (input: { id: string }) => {
      const result = await get(input);
      return result.ok && result.data.name === 'Elena Souza' ? { ...result, data: { ...result.data, marketingOptOutAt: '2026-11-20T14:30:00.000Z' } } : result;
    };
  });
  await page.getByTestId('nav-tickets').click();
  await page.getByLabel('Search by number, subject or contact').fill('boleto');
  await page.getByTestId('ticket-row').filter({ hasText: 'Segunda via de boleto' }).click();
  const detail = page.getByTestId('ticket-detail');
  await expect(detail).toContainText('Elena Souza');
  await detail.getByTestId('whatsapp-button').click();
  const picker = page.getByTestId('template-picker');

  await picker.getByRole('searchbox').fill('welcome_back');
  await expect(picker.getByTestId('template-option')).toHaveCount(1);
  await picker.getByRole('searchbox').press('Enter');
  const warning = picker.getByTestId('marketing-opt-out');
  await expect(warning).toContainText('stopped marketing messages in WhatsApp on Nov 20, 2026');
  await expect(warning).toContainText('error 131050');
  await expect(page.getByTestId('template-send')).toBeDisabled();
  await screens(page, 'template-opt-out');

  // A utility template is not concerned.
  await picker.getByRole('searchbox').fill('order_update');
  await picker.getByRole('combobox', { name: 'Language' }).selectOption('en_US');
  await expect(picker.getByTestId('template-option')).toHaveCount(1);
  await picker.getByRole('searchbox').press('Enter');
  // Elena's first name is filled in: the focus goes to the first field still empty.
  await expect(picker.getByLabel("Customer's first name")).toHaveValue('Elena');
  await expect(picker.getByLabel('Order number')).toBeFocused();
  await expect(warning).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
});
