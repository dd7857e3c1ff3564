// @vitest-environment jsdom
/**
 * The team inbox's stateful pieces (issue 14), rendered with Testing Library over a fake
 * `window.api`: tabs by role with counts and unread badges, arrow keys between tabs, unread
 * counting from live events, read on open, rows moving between tabs, and a send refused because
 * someone else has the conversation.
 */
import { cleanup, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/api/schemas';
import { useUi } from '../../state/ui';
import { fakeLayout } from '../../testing/layout';
import { ANA, conversation, fakeDesktop, inbound, LUCAS, messageCreated, NOW, renderInbox } from './fake-desktop';

// A loaded CI machine (or e2e runs beside it) renders slower than Testing Library's 1 s default.
configure({ asyncUtilTimeout: 5_000 });

describe('team inbox', () => {
  beforeEach(() => {
    useUi.setState({ section: 'inbox', selectedConversationId: null, inboxView: null, draftContactId: null });
    // jsdom has no layout: the virtual lists get boxes of a fixed height.
    undoLayout = fakeLayout();
  });
  let undoLayout = () => undefined as void;
  afterEach(() => {
    cleanup();
    undoLayout();
  });

  it('shows the role’s views as tabs with counts and unread badges; arrows move between them and load that view', async () => {
    const desktop = fakeDesktop(ANA, { mine: [conversation(1, { assigneeId: ANA.id, unreadCount: 2 })], unassigned: [conversation(2), conversation(3, { unreadCount: 1 })] });
    renderInbox(ANA, desktop);
    await waitFor(() =>
      expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([expect.stringMatching(/^Mine1/), expect.stringMatching(/^Unassigned2/), expect.stringMatching(/^Waiting0/)]),
    );
    await waitFor(() => expect(screen.getByRole('tab', { name: 'Mine, 1 conversation, 1 unread' }).getAttribute('aria-selected')).toBe('true'));
    expect(screen.getByRole('tab', { name: 'Unassigned, 2 conversations, 1 unread' }).getAttribute('tabindex')).toBe('-1');
    expect(await screen.findByLabelText('2 unread')).toBeTruthy();

    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: /^Mine/ }));
    await user.keyboard('{ArrowRight}');
    const unassigned = screen.getByRole('tab', { name: /^Unassigned/ });
    expect(document.activeElement).toBe(unassigned);
    expect(unassigned.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe(unassigned.id);
    expect(await screen.findByText('Customer 3')).toBeTruthy();
    expect(desktop.called('conversations:list').map((c) => c.input.view)).toEqual(['mine', 'unassigned']);
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: /^Waiting/ }));
    expect(await screen.findByText('No conversation is waiting for a customer’s reply.')).toBeTruthy();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: /^Mine/ }));
  });

  it('counts a customer’s messages as unread until the conversation is opened, then reads it on the server', async () => {
    const other = conversation(2, { unreadCount: 1 });
    const desktop = fakeDesktop(ANA, { unassigned: [conversation(1), other] });
    useUi.setState({ inboxView: 'unassigned' });
    renderInbox(ANA, desktop);
    const row = async () => (await screen.findByText('Customer 2')).closest('li')!;
    expect(within(await row()).getByLabelText('1 unread')).toBeTruthy();
    const viewsBefore = desktop.called('conversations:views').length;

    desktop.push(messageCreated({ ...other, lastMessage: { text: 'Anyone?', direction: 'inbound', kind: 'text', createdAt: NOW } }, inbound(other, 'Anyone?')));
    await waitFor(async () => expect(within(await row()).getByLabelText('2 unread')).toBeTruthy());
    expect(within(await row()).getByText('Anyone?')).toBeTruthy();
    // The tab counts are refetched once after the burst.
    await waitFor(() => expect(desktop.called('conversations:views').length).toBe(viewsBefore + 1));

    await userEvent.setup().click(await row());
    await waitFor(async () => expect(within(await row()).queryByTestId('row-unread')).toBeNull());
    expect(desktop.called('conversations:read').map((c) => c.input)).toEqual([{ id: other.id }]);
    // Another message while it is open: no badge, and it is read as it arrives.
    desktop.push(messageCreated(other, inbound(other, 'Still there?')));
    await waitFor(() => expect(desktop.called('conversations:read')).toHaveLength(2));
    expect(within(await row()).queryByTestId('row-unread')).toBeNull();
  });

  it('shows no badge on the conversation the user has open, even from a list fetched before the server took the read', async () => {
    const c = conversation(1, { unreadCount: 3 });
    const desktop = fakeDesktop(ANA, { unassigned: [c, conversation(2, { unreadCount: 1 })] });
    useUi.setState({ inboxView: 'unassigned', selectedConversationId: c.id });
    renderInbox(ANA, desktop);
    const row = (await screen.findByText('Customer 1')).closest('li')!;
    expect(within(row).queryByTestId('row-unread')).toBeNull();
    expect(within((await screen.findByText('Customer 2')).closest('li')!).getByLabelText('1 unread')).toBeTruthy();
  });

  it('moves a conversation out of Unassigned when someone takes it, and keeps “You:” for the user’s own messages', async () => {
    const c = conversation(1);
    const desktop = fakeDesktop(ANA, { unassigned: [c, conversation(2)], mine: [] });
    useUi.setState({ inboxView: 'unassigned' });
    renderInbox(ANA, desktop);
    await screen.findByText('Customer 1');
    desktop.push({ type: 'conversation.updated', id: '2', serverTime: NOW, conversation: { ...c, assigneeId: LUCAS.id, assignee: LUCAS } });
    await waitFor(() => expect(screen.queryByText('Customer 1')).toBeNull());
    expect(screen.getByText('Customer 2')).toBeTruthy();

    // Ana answers Customer 2 (which makes it hers): in Mine, her message is "You: …"; Lucas's would not be.
    const two = conversation(2, { assigneeId: ANA.id, assignee: { id: ANA.id, name: ANA.name }, lastMessage: { text: 'On it', direction: 'outbound', kind: 'text', createdAt: NOW } });
    const reply: Message = { ...inbound(two, 'On it'), direction: 'outbound', status: 'sent', author: { id: ANA.id, name: ANA.name } };
    await userEvent.setup().click(screen.getByRole('tab', { name: /^Mine/ }));
    await screen.findByText('Nothing is assigned to you right now.');
    desktop.push(messageCreated(two, reply));
    expect(await screen.findByText('You: On it')).toBeTruthy();
    const three = conversation(3, { assigneeId: ANA.id, lastMessage: { text: 'Hi from Lucas', direction: 'outbound', kind: 'text', createdAt: NOW } });
    desktop.push(messageCreated(three, { ...inbound(three, 'Hi from Lucas'), direction: 'outbound', author: LUCAS }));
    expect(await screen.findByText('Hi from Lucas')).toBeTruthy();
  });

  it('turns a send refused because someone else has the conversation into the reason, never the raw error', async () => {
    const c = conversation(1);
    const desktop = fakeDesktop(ANA, { unassigned: [c] });
    // Lucas took it a moment ago; this app has not heard yet.
    desktop.answers['messages:send'] = () => {
      desktop.lists.unassigned = [{ ...c, assigneeId: LUCAS.id, assignee: LUCAS }];
      return { ok: false, error: { code: 'CONVERSATION_ASSIGNED_TO_OTHER', message: 'Lucas Ferreira has it.', status: 409, assignee: LUCAS } };
    };
    useUi.setState({ inboxView: 'unassigned', selectedConversationId: c.id });
    renderInbox(ANA, desktop);
    const composer = await screen.findByTestId('composer');
    const user = userEvent.setup();
    await user.type(composer, 'Hello there{Enter}');
    expect((await screen.findByTestId('owner-notice')).textContent).toContain('Lucas Ferreira is handling this conversation.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect((composer).hasAttribute('readonly')).toBe(true);
    expect((composer as HTMLTextAreaElement).value).toBe('Hello there');
  });
});
