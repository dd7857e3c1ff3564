/**
 * Issue 14, the desktop half: who has a conversation, the team inbox's views and unread badges.
 * Two agents on one contact (the second reads, cannot write, and is told why), an agent claiming a
 * conversation a new customer started, and an operator transferring it. Screenshots at 1024, 1366
 * and 1920 px go to SHOTS_DIR (default /tmp/shots-inbox).
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInAndWaitForInbox } from './support/app';
import { customerWrites } from './support/server-api';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-inbox';
const WIDTHS = [1024, 1366, 1920] as const;

async function shots(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 1920 ? 1080 : 768 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png` });
  }
  if (size) await page.setViewportSize(size);
}

/** A signed-in page of its own (each browser context is its own desktop app). */
async function person(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await signInAndWaitForInbox(page, email);
  return page;
}

const row = (page: Page, name: string) => page.getByTestId('conversation-row').filter({ hasText: name });
const tab = (page: Page, view: string) => page.getByTestId(`inbox-tab-${view}`);

/** A new customer (a phone no other test uses) writes first: an unassigned conversation. */
async function newCustomer(text: string): Promise<string> {
  const phone = `+55119${String(Date.now()).slice(-8)}`;
  await customerWrites(phone, text);
  return phone;
}

test('two agents on one contact: the second reads it, cannot write, and is told why', async ({ browser }) => {
  const lucas = await person(browser, 'agent2@demo.test');
  // Bruno is Ana's: not in Lucas's views, so he finds him through New conversation.
  await expect(tab(lucas, 'mine')).toHaveAttribute('aria-selected', 'true');
  await expect(row(lucas, 'Bruno Costa')).toHaveCount(0);
  await lucas.getByTestId('new-conversation-button').click();
  await lucas.getByTestId('new-conversation').getByRole('combobox').fill('Bruno');
  await lucas.getByTestId('contact-option').filter({ hasText: 'Bruno Costa' }).click();

  const view = lucas.getByTestId('conversation-view');
  await expect(view.getByTestId('assignee')).toHaveText('Assigned to Ana Ribeiro');
  const notice = view.getByTestId('owner-notice');
  await expect(notice).toContainText('Ana Ribeiro is handling this conversation.');
  await expect(notice).toContainText('To write, ask Ana Ribeiro or a supervisor to transfer it to you.');
  const composer = view.getByTestId('composer');
  await expect(composer).toHaveAttribute('readonly', '');
  await expect(composer).toHaveAttribute('placeholder', 'Ana Ribeiro is handling this conversation.');
  await expect(view.getByTestId('composer-send')).toBeDisabled();
  await expect(view.getByTestId('templates-button')).toBeDisabled();
  await expect(view.getByTestId('close-conversation')).toHaveCount(0);
  await expect(view.getByTestId('assign-to-me')).toHaveCount(0);
  // A send attempt: nothing is typed, nothing goes out, the reason stays on screen.
  const before = await view.getByTestId('message').count();
  await composer.focus();
  await lucas.keyboard.type('Posso ajudar?');
  await lucas.keyboard.press('Enter');
  await expect(composer).toHaveValue('');
  await expect(view.getByTestId('message')).toHaveCount(before);
  await expect(view.getByRole('alert')).toHaveCount(0);
  await shots(lucas, 'chat-read-only');

  // Both open a conversation nobody has; Lucas is writing when Ana takes it: his chat turns
  // read-only at once with the reason, and what he typed is kept.
  const ana = await person(browser, 'agent@demo.test');
  const hello = `Bom dia, alguém pode me ajudar? ${Date.now()}`;
  await newCustomer(hello);
  for (const page of [ana, lucas]) {
    await tab(page, 'unassigned').click();
    await row(page, hello).click();
  }
  const lucasChat = lucas.getByTestId('conversation-view');
  await expect(lucasChat.getByTestId('assignee')).toHaveText('Unassigned');
  await lucasChat.getByTestId('composer').fill('Olá! Já vou ver.');
  await ana.getByTestId('conversation-view').getByTestId('assign-to-me').click();
  await expect(ana.getByTestId('conversation-view').getByTestId('assignee')).toHaveText('Assigned to You');
  await expect(ana.getByTestId('conversation-view').getByTestId('assignment-note')).toHaveText('Ana Ribeiro took the conversation');
  await expect(lucasChat.getByTestId('owner-notice')).toContainText('Ana Ribeiro is handling this conversation.');
  await expect(lucasChat.getByTestId('composer')).toHaveValue('Olá! Já vou ver.');
  await expect(lucasChat.getByTestId('composer-send')).toBeDisabled();
  await expect(lucasChat.getByTestId('assignment-note')).toHaveText('Ana Ribeiro took the conversation');
  // It left the Unassigned tab of both.
  await expect(row(lucas, hello)).toHaveCount(0);
  await expect(row(ana, hello)).toHaveCount(0);
});

test('an agent claims a new customer’s conversation: tabs, unread badges, read on open, “Assign to me”', async ({ browser }) => {
  const lucas = await person(browser, 'agent2@demo.test');
  await expect(lucas.getByTestId('inbox-tabs').getByRole('tab')).toHaveText([/^Mine/, /^Unassigned/, /^Waiting/]);
  await tab(lucas, 'unassigned').click();
  const phone = await newCustomer('Oi, meu pedido não chegou');
  const mine = row(lucas, 'Oi, meu pedido não chegou');
  await expect(mine.getByTestId('row-unread')).toHaveText('1');
  await expect(mine.getByTestId('row-unread')).toHaveAttribute('aria-label', '1 unread');
  await customerWrites(phone, 'Alguém?');
  const row2 = row(lucas, 'Alguém?');
  await expect(row2.getByTestId('row-unread')).toHaveText('2');
  await expect(row2.getByTestId('row-unread')).toHaveAttribute('aria-label', '2 unread');
  await expect(tab(lucas, 'unassigned').getByTestId('tab-unread')).toBeVisible();
  await expect(tab(lucas, 'unassigned')).toHaveAttribute('aria-label', /unread$/);
  await shots(lucas, 'inbox-tabs');

  // Keyboard: the tabs are one Tab stop; arrows move between them.
  await tab(lucas, 'unassigned').focus();
  await lucas.keyboard.press('ArrowRight');
  await expect(tab(lucas, 'waiting')).toBeFocused();
  await expect(tab(lucas, 'waiting')).toHaveAttribute('aria-selected', 'true');
  await lucas.keyboard.press('ArrowLeft');
  await expect(tab(lucas, 'unassigned')).toBeFocused();

  // Opening it reads it: the badge goes.
  await row2.click();
  await expect(row2.getByTestId('row-unread')).toHaveCount(0);
  const view = lucas.getByTestId('conversation-view');
  await view.getByTestId('assign-to-me').click();
  await expect(view.getByTestId('assignee')).toHaveText('Assigned to You');
  await expect(view.getByTestId('assignment-note')).toHaveText('Lucas Ferreira took the conversation');
  await expect(view.getByTestId('assign-to-me')).toHaveCount(0);
  await tab(lucas, 'mine').click();
  await expect(row(lucas, 'Alguém?')).toBeVisible();
  // He writes; his own message says "You".
  await view.getByTestId('composer').fill('Vou verificar agora mesmo.');
  await view.getByTestId('composer').press('Enter');
  const sent = view.getByTestId('message').filter({ hasText: 'Vou verificar agora mesmo.' });
  await expect(sent).toContainText('You');
  await expect(row(lucas, 'Vou verificar')).toContainText('You: Vou verificar agora mesmo.');
});

test('an operator transfers a conversation to the second agent, who can then write', async ({ browser }) => {
  const phone = await newCustomer('Preciso trocar o endereço de entrega');
  const operator = await person(browser, 'operator@demo.test');
  await expect(operator.getByTestId('inbox-tabs').getByRole('tab')).toHaveText([/^Mine/, /^Unassigned/, /^Waiting/, /^All/]);
  await tab(operator, 'all').click();
  await row(operator, 'Preciso trocar o endereço').click();
  const view = operator.getByTestId('conversation-view');
  await view.getByTestId('transfer-button').click();
  const picker = operator.getByTestId('transfer-picker');
  await expect(picker.getByRole('combobox')).toBeFocused();
  await expect(picker.getByTestId('assignee-option').filter({ hasText: 'Lucas Ferreira' })).toBeVisible();
  await shots(operator, 'transfer-picker');
  await operator.keyboard.type('Lucas');
  await expect(picker.getByTestId('assignee-option')).toHaveCount(1);
  await operator.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(view.getByTestId('transfer-button')).toBeFocused();
  await expect(view.getByTestId('assignee')).toHaveText('Assigned to Lucas Ferreira');
  await expect(view.getByTestId('assignment-note')).toHaveText('Otávio Pereira transferred it to Lucas Ferreira');
  // The operator no longer writes in it.
  await expect(view.getByTestId('owner-notice')).toContainText('Lucas Ferreira is handling this conversation. You can read it. To write, transfer it to yourself first.');

  const lucas = await person(browser, 'agent2@demo.test');
  await row(lucas, 'Preciso trocar o endereço').click();
  const chat = lucas.getByTestId('conversation-view');
  await expect(chat.getByTestId('owner-notice')).toHaveCount(0);
  await chat.getByTestId('composer').fill('Claro, qual é o novo endereço?');
  await chat.getByTestId('composer').press('Enter');
  await expect(chat.getByTestId('message').filter({ hasText: 'Claro, qual é o novo endereço?' })).toHaveAttribute('data-status', /pending|sent|delivered|read/);
  await expect(chat.getByRole('alert')).toHaveCount(0);
  expect(phone).toMatch(/^\+55/);
});

test('scrolling up past the first message shows the contact’s earlier conversation under a divider', async ({ browser }) => {
  const first = `Primeira conversa ${Date.now()}`;
  const phone = await newCustomer(first);
  const lucas = await person(browser, 'agent2@demo.test');
  await tab(lucas, 'unassigned').click();
  await row(lucas, first).click();
  const view = lucas.getByTestId('conversation-view');
  await view.getByTestId('composer').fill('Resolvido, obrigado!');
  await view.getByTestId('composer').press('Enter');
  await expect(view.getByTestId('assignee')).toHaveText('Assigned to You');
  await view.getByTestId('close-conversation').click();
  await expect(view.getByTestId('closed-notice')).toBeVisible();

  // The customer comes back: a new conversation, with the first one above it.
  const again = `Voltei ${Date.now()}`;
  await customerWrites(phone, again);
  await tab(lucas, 'unassigned').click();
  await row(lucas, again).click();
  await expect(view.getByTestId('message').filter({ hasText: again })).toBeVisible();
  await view.getByTestId('message').first().scrollIntoViewIfNeeded();
  const divider = view.getByTestId('earlier-conversation');
  await expect(divider).toContainText('Earlier conversation');
  await expect(divider).toContainText('Closed by the agent on');
  await expect(view.getByTestId('history-message').filter({ hasText: first })).toBeVisible();
  await expect(view.getByTestId('history-message').filter({ hasText: 'Resolvido, obrigado!' })).toContainText('You');
  await expect(view.getByTestId('history-message').filter({ hasText: 'Lucas Ferreira took the conversation' })).toBeVisible();
  await shots(lucas, 'chat-history');
});
