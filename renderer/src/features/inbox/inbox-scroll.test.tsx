// @vitest-environment jsdom
/**
 * The virtual inbox (issue 15) with Testing Library over the fake desktop core, in boxes of a
 * fixed height (jsdom lays nothing out): only a window of rows is in the page; scrolling to the
 * end loads the next page of the cursor API, with no button; Home and End reach the ends and keep
 * focus on the selected row; a live event that moves the selected row keeps it selected.
 */
import { act, cleanup, configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useUi } from '../../state/ui';
import { fakeLayout } from '../../testing/layout';
import { ANA, conversation, fakeDesktop, inbound, messageCreated, renderInbox } from './fake-desktop';

configure({ asyncUtilTimeout: 5_000 });

const many = (count: number) => Array.from({ length: count }, (_, i) => conversation(i + 1));
const rows = () => screen.queryAllByTestId('conversation-row');
const scroller = () => document.querySelector<HTMLElement>('.rows-scroller')!;
const focusedName = () => document.activeElement?.querySelector('.row-name')?.textContent;

describe('virtual inbox', () => {
  let undoLayout = () => undefined as void;
  beforeEach(() => {
    useUi.setState({ section: 'inbox', selectedConversationId: null, inboxView: 'unassigned', draftContactId: null });
    undoLayout = fakeLayout({ viewport: 600, row: 60 });
  });
  afterEach(() => {
    cleanup();
    undoLayout();
  });

  it('renders only the rows around the view and loads the next page when scrolled to the end, without a button', async () => {
    const desktop = fakeDesktop(ANA, { unassigned: many(500) });
    renderInbox(ANA, desktop);
    await screen.findByText('Customer 1');
    // 600 px of 60 px rows: ten in view, a few more around them; not the 50 loaded.
    expect(rows().length).toBeGreaterThanOrEqual(10);
    expect(rows().length).toBeLessThan(25);
    expect(screen.queryByText('Customer 50')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(desktop.called('conversations:list').map((c) => c.input.cursor)).toEqual([undefined]);

    act(() => {
      scroller().scrollTop = 50 * 60;
    });
    expect(await screen.findByText('Customer 50')).toBeTruthy();
    await waitFor(() => expect(desktop.called('conversations:list').map((c) => c.input.cursor)).toEqual([undefined, '50']));
    expect(screen.queryByText('Customer 1')).toBeNull();
    expect(rows().length).toBeLessThan(25);

    // On to the end of everything: page after page as the list nears its end.
    for (let page = 2; page <= 10; page++) {
      // Once the page is in (the list is as tall as its rows), its end is scrolled to.
      await waitFor(() => expect(scroller().scrollHeight).toBeGreaterThanOrEqual(page * 50 * 60));
      act(() => {
        scroller().scrollTop = scroller().scrollHeight;
      });
      if (page < 10) await waitFor(() => expect(desktop.called('conversations:list')).toHaveLength(page + 1));
    }
    expect(await screen.findByText('Customer 500')).toBeTruthy();
    expect(desktop.called('conversations:list').map((c) => c.input.cursor).at(-1)).toBe('450');
    expect(rows().length).toBeLessThan(25);
  });

  it('moves with Home and End to rows not yet in the page, focusing them; a live event that moves the selected row keeps it', async () => {
    const desktop = fakeDesktop(ANA, { unassigned: many(40) });
    renderInbox(ANA, desktop);
    const user = userEvent.setup();
    await user.click(await screen.findByText('Customer 1'));
    await user.keyboard('{End}');
    await waitFor(() => expect(focusedName()).toBe('Customer 40'));
    expect(useUi.getState().selectedConversationId).toBe(conversation(40).id);
    expect(screen.queryByText('Customer 1')).toBeNull();
    await user.keyboard('{ArrowUp}');
    await waitFor(() => expect(focusedName()).toBe('Customer 39'));
    await user.keyboard('{Home}');
    await waitFor(() => expect(focusedName()).toBe('Customer 1'));

    // Customer 30 is selected and focused; a message from them moves their row to the top.
    act(() => useUi.getState().selectConversation(conversation(30).id));
    await waitFor(() => expect(screen.getByText('Customer 30').closest('li')!.getAttribute('aria-selected')).toBe('true'));
    screen.getByText('Customer 30').closest('li')!.focus();
    const moved = conversation(30, { lastMessageAt: '2026-12-02T12:05:00.000Z', lastMessage: { text: 'Again', direction: 'inbound', kind: 'text', createdAt: '2026-12-02T12:05:00.000Z' } });
    desktop.push(messageCreated(moved, inbound(moved, 'Again')));
    await waitFor(() => expect(rows()[0]?.textContent).toContain('Customer 30'));
    expect(rows()[0]!.getAttribute('aria-selected')).toBe('true');
    expect(focusedName()).toBe('Customer 30');
  });
});
