// @vitest-environment jsdom
/**
 * Screen-reader announcements (issue 19): new customer messages said politely, a burst as one
 * sentence; a session about to close said assertively as it passes 15, 5 and 1 minutes, and
 * never at each tick of its countdown.
 */
import { act, cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conversation, Message } from '../../../../shared/api/schemas';
import { useServerEvents } from '../../api/useServerEvents';
import { useUi } from '../../state/ui';
import { fakeDesktop, renderWithApp } from '../../testing/fakeDesktop';
import { useAnnouncer } from './announcer';
import { GATHER_MS } from './customerMessages';
import { LiveRegions } from './LiveRegions';
import { markPassed, useDeadlineAlert } from './deadlineAlert';

configure({ asyncUtilTimeout: 5_000 });
const NOW = '2026-12-02T12:00:00.000Z';
const USER = { id: '00000000-0000-4000-8000-00000000a001', name: 'Ana Ribeiro', email: 'agent@demo.test', role: 'agent' as const };

function conversation(n: number, name: string): Conversation {
  return {
    id: `00000000-0000-4000-8000-0000000c000${n}`, contactId: `00000000-0000-4000-8000-0000000k000${n}`, ticketId: null, channel: 'whatsapp', state: 'open',
    assigneeId: USER.id, windowExpiresAt: '2026-12-03T11:00:00.000Z', autoCloseAt: null, lastMessageAt: NOW, createdAt: NOW,
    contact: { id: `k${n}`, name, phone: null }, assignee: null, lastMessage: null, unreadCount: 0,
  };
}
const inbound = (c: Conversation, text: string): Message => ({
  id: crypto.randomUUID(), conversationId: c.id, direction: 'inbound', kind: 'text', text, status: 'received', createdAt: NOW, attachments: [], reactions: [],
});

function Harness() {
  useServerEvents();
  return <LiveRegions />;
}

describe('new customer messages', () => {
  beforeEach(() => useAnnouncer.setState({ polite: { text: '', n: 0 }, assertive: { text: '', n: 0 } }));
  afterEach(cleanup);

  it('are said once per burst: the open chat by name and text, the rest of the inbox as a count', async () => {
    const bruno = conversation(1, 'Bruno Costa');
    const carla = conversation(2, 'Carla Mendes');
    const diego = conversation(3, 'Diego Ramos');
    useUi.setState({ section: 'inbox', selectedConversationId: bruno.id });
    const desktop = fakeDesktop({
      'auth:status': () => ({ state: 'signedIn', user: USER, serverUrl: 'http://127.0.0.1:1' }),
      'connection:status': () => ({ state: 'online' }),
      'conversations:read': () => null,
    });
    renderWithApp(<Harness />);
    const polite = await screen.findByTestId('live-polite');
    expect(polite.getAttribute('aria-live')).toBe('polite');
    await waitFor(() => expect(desktop.called('auth:status').length).toBeGreaterThan(0));
    vi.useFakeTimers();
    try {
      const created = (c: Conversation, text: string) => desktop.push('event:server', { type: 'message.created', id: crypto.randomUUID(), serverTime: NOW, conversation: c, message: inbound(c, text) });
      created(bruno, 'Oi');
      created(carla, 'Quero trocar');
      created(bruno, 'Chegou?');
      created(diego, '2');
      act(() => vi.advanceTimersByTime(GATHER_MS - 10));
      expect(polite.textContent).toBe('');
      act(() => vi.advanceTimersByTime(20));
      expect(polite.textContent).toBe('Bruno Costa wrote 2 new messages. The last: Chegou? 2 new customer messages in the inbox, from Carla Mendes, Diego Ramos.');
    } finally {
      vi.useRealTimers();
    }
  });
});

function Countdown({ left }: { left: number | null }) {
  useDeadlineAlert('c1:window', left, () => useAnnouncer.getState().announce('assertive', `Closes in ${Math.round((left ?? 0) / 60_000)} min`));
  return <LiveRegions />;
}

describe('a session about to close', () => {
  afterEach(cleanup);

  it('is alerted assertively as it passes 15 minutes, not at each tick before or after', () => {
    useAnnouncer.setState({ polite: { text: '', n: 0 }, assertive: { text: '', n: 0 } });
    const view = render(<Countdown left={16 * 60_000} />);
    const alert = screen.getByTestId('live-assertive');
    expect(alert.getAttribute('aria-live')).toBe('assertive');
    view.rerender(<Countdown left={15 * 60_000 + 1_000} />);
    expect(alert.textContent).toBe('');
    view.rerender(<Countdown left={15 * 60_000 - 1_000} />);
    expect(alert.textContent).toBe('Closes in 15 min');
    const told = useAnnouncer.getState().assertive.n;
    view.rerender(<Countdown left={14 * 60_000} />);
    expect(useAnnouncer.getState().assertive.n).toBe(told);
  });

  it('marks: 15, 5 and 1 minutes, the smallest passed between two readings', () => {
    expect(markPassed(16 * 60_000, 14 * 60_000)).toBe(15 * 60_000);
    expect(markPassed(16 * 60_000, 30_000)).toBe(60_000);
    expect(markPassed(14 * 60_000, 6 * 60_000)).toBeNull();
    expect(markPassed(30_000, 0)).toBeNull();
  });
});
