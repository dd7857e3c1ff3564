import { expect, test, type Page } from '@playwright/test';
import { signInAndWaitForInbox, snap } from './support/app';
import { MINIMAL_PDF, png } from './support/files';
import { customerWrites, uploadFile } from './support/server-api';

const BRUNO = '+5511999990001';

/** The customer sends a photo: uploaded as an administrator, then injected through the sandbox. */
async function customerSendsPhoto(caption: string) {
  const { id } = await uploadFile(png(480, 320), 'produto.png', 'image/png');
  await customerWrites(BRUNO, caption, id);
  return id;
}

async function openBruno(page: Page) {
  await signInAndWaitForInbox(page, 'agent@demo.test');
  await page.getByTestId('conversation-row').filter({ hasText: 'Bruno Costa' }).click();
  const view = page.getByTestId('conversation-view');
  await expect(view).toContainText('Bruno Costa');
  return view;
}

test('the demo shows real WhatsApp content in Bruno’s chat: his photo, the receipt with his reaction, his place on a map', async ({ page }) => {
  const view = await openBruno(page);
  const photo = view.getByTestId('message').filter({ hasText: 'A etiqueta diz que saiu para entrega' });
  const image = photo.getByRole('img', { name: 'A etiqueta diz que saiu para entrega' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(640);
  const receipt = view.getByTestId('message').filter({ hasText: 'Segue o comprovante de envio.' });
  await expect(receipt.getByTestId('attachment')).toContainText('comprovante-A-1001.pdf');
  await expect(receipt.getByTestId('attachment')).toContainText('PDF');
  await expect(receipt.getByTestId('reactions')).toContainText('👍');
  const place = view.getByTestId('message').filter({ has: page.getByTestId('location') });
  await expect(place.getByRole('link', { name: 'Open in the map' })).toHaveAttribute('href', /openstreetmap\.org\/\?mlat=-23\.5614&mlon=-46\.6829/);
  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: width === 1920 ? 1080 : 768 });
    await photo.scrollIntoViewIfNeeded();
    await snap(page, `media-demo-content-${width}`);
  }
});

test('an inbound photo appears in the chat, loaded through the core, and opens larger', async ({ page }) => {
  const view = await openBruno(page);
  const caption = `Foto do produto ${Date.now()}`;
  await customerSendsPhoto(caption);

  const message = view.getByTestId('message').filter({ hasText: caption });
  await expect(message).toHaveAttribute('data-kind', 'media');
  const attachment = message.getByTestId('attachment');
  await expect(attachment).toHaveAttribute('data-type', 'image');
  await expect(attachment).toHaveAttribute('data-state', 'ready');
  const image = attachment.getByRole('img', { name: caption });
  await expect(image).toBeVisible();
  // The bytes really arrived (same-origin /media/ through the web host's core; no token in the page).
  await expect.poll(() => image.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(480);
  expect(await image.getAttribute('src')).toMatch(/^\/media\/[A-Za-z0-9_-]+$/);

  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: width === 1920 ? 1080 : 768 });
    await message.scrollIntoViewIfNeeded();
    await snap(page, `media-inbound-photo-${width}`);
  }

  await attachment.getByRole('button', { name: new RegExp(caption) }).click();
  const viewer = page.getByTestId('image-viewer');
  await expect(viewer).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Close' })).toBeFocused();
  await snap(page, 'media-photo-enlarged-1920');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  // Focus goes back to the thumbnail it came from.
  await expect(attachment.getByRole('button', { name: new RegExp(caption) })).toBeFocused();
});

test('an agent sends a document with a caption from the composer; a file WhatsApp refuses is stopped before upload', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const view = await openBruno(page);
  await expect(view.getByTestId('window-banner')).toHaveAttribute('data-state', /open|urgent/);
  const input = view.getByTestId('attach-input');

  // Refused in the composer, translated, and nothing to send.
  await input.setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
  await expect(view.getByTestId('attachment-problem')).toContainText('WhatsApp does not accept this kind of file');
  await expect(view.getByTestId('composer-send')).toBeDisabled();
  await view.getByTestId('attachment-remove').click();
  await expect(view.getByTestId('attachment-draft')).toBeHidden();

  await input.setInputFiles({ name: 'invoice-1042.pdf', mimeType: 'application/pdf', buffer: MINIMAL_PDF });
  const draft = view.getByTestId('attachment-draft');
  await expect(draft).toContainText('invoice-1042.pdf');
  const caption = `Segue a nota fiscal ${Date.now()}`;
  await view.getByTestId('composer').fill(caption);
  await snap(page, 'media-composer-draft-1366');
  await view.getByTestId('composer-send').click();

  const sent = view.getByTestId('message').filter({ hasText: caption });
  await expect(sent).toHaveAttribute('data-direction', 'outbound');
  const document = sent.getByTestId('attachment');
  await expect(document).toHaveAttribute('data-type', 'document');
  await expect(document).toContainText('invoice-1042.pdf');
  await expect(draft).toBeHidden();
  await expect(view.getByTestId('composer')).toHaveValue('');

  // Save offers the same bytes, read through the core.
  const href = await document.getByTestId('attachment-save').getAttribute('href');
  expect(href).toMatch(/^\/media\//);
  const head = await page.evaluate(async (url) => {
    const response = await fetch(url!);
    return { status: response.status, type: response.headers.get('content-type'), start: (await response.text()).slice(0, 8) };
  }, href);
  expect(head).toEqual({ status: 200, type: 'application/pdf', start: '%PDF-1.4' });

  // Open (the web host has no OS shell): the same media URL in a new tab, shown inline by the browser.
  const open = document.getByRole('link', { name: 'Open invoice-1042.pdf' });
  await expect(open).toHaveText('Open');
  await expect(open).toHaveAttribute('href', href!);
  await expect(open).toHaveAttribute('target', '_blank');
  await expect(open).toHaveAttribute('rel', 'noopener noreferrer');
  const opened = await page.evaluate(async (url) => {
    const response = await fetch(url);
    const h = (name: string) => response.headers.get(name);
    return { status: response.status, type: h('content-type'), disposition: h('content-disposition'), nosniff: h('x-content-type-options'), csp: h('content-security-policy'), start: (await response.text()).slice(0, 8) };
  }, href!);
  expect(opened).toMatchObject({ status: 200, type: 'application/pdf', nosniff: 'nosniff', start: '%PDF-1.4' });
  expect(opened.disposition).toMatch(/^inline; filename="invoice-1042\.pdf"/);
  expect(opened.csp).toContain('sandbox');
  // Clicked, it really opens a second tab on that URL (the page stays where it was).
  const [tab] = await Promise.all([page.context().waitForEvent('page'), open.click()]);
  await expect.poll(() => tab.url()).toContain(href!);
  expect(page.url()).not.toContain('/media/');
  await tab.close();

  for (const width of [1024, 1366, 1920]) {
    await page.setViewportSize({ width, height: width === 1920 ? 1080 : 768 });
    await sent.scrollIntoViewIfNeeded();
    await snap(page, `media-document-sent-${width}`);
  }
});
