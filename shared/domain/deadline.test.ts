import { describe, expect, it } from 'vitest';
import { conversationDeadline, deadlineCloseReason } from './deadline';

const windowEnd = '2026-11-26T10:00:00.000Z';
const autoClose = '2026-11-26T12:00:00.000Z';

describe('conversationDeadline', () => {
  it('ends an open conversation with its window, closing it as window_expired', () => {
    expect(conversationDeadline({ state: 'open', windowExpiresAt: windowEnd, autoCloseAt: autoClose })).toEqual({
      kind: 'window',
      at: windowEnd,
      closeReason: 'window_expired',
    });
  });

  it('ends a waiting conversation at its auto-close time, closing it as no_reply, whatever its window says', () => {
    expect(conversationDeadline({ state: 'waiting', windowExpiresAt: windowEnd, autoCloseAt: autoClose })).toEqual({
      kind: 'auto_close',
      at: autoClose,
      closeReason: 'no_reply',
    });
  });

  it('gives no deadline to a chatbot or closed conversation, even with times set', () => {
    expect(conversationDeadline({ state: 'bot', windowExpiresAt: windowEnd, autoCloseAt: autoClose })).toBeNull();
    expect(conversationDeadline({ state: 'closed', windowExpiresAt: windowEnd, autoCloseAt: autoClose })).toBeNull();
  });

  it('gives no deadline when the time that applies is missing', () => {
    expect(conversationDeadline({ state: 'open', windowExpiresAt: null, autoCloseAt: autoClose })).toBeNull();
    expect(conversationDeadline({ state: 'waiting', windowExpiresAt: windowEnd, autoCloseAt: undefined })).toBeNull();
  });
});

describe('deadlineCloseReason', () => {
  it('closes an open conversation as window_expired and a waiting one as no_reply; a chatbot or closed one has no deadline to pass', () => {
    expect(deadlineCloseReason('open')).toBe('window_expired');
    expect(deadlineCloseReason('waiting')).toBe('no_reply');
    expect(deadlineCloseReason('bot')).toBeNull();
    expect(deadlineCloseReason('closed')).toBeNull();
  });
});
