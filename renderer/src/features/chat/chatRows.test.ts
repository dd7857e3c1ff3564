import { describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../../../../shared/api/schemas';
import { chatRows } from './chatRows';

const message = (id: string, createdAt: string, patch: Partial<Message> = {}): Message => ({
  id, conversationId: 'c1', direction: 'inbound', kind: 'text', text: id, status: 'received', createdAt, attachments: [], reactions: [], ...patch,
});
const open = { id: 'c1', state: 'open' } as Conversation;
const keys = (messages: Message[], conversation: Conversation = open) => chatRows({ earlier: [], messages, conversation }).map((r) => r.key);

describe('the chat as rows', () => {
  it('puts a day divider before the first message of each day, keyed by its day so it keeps its key when older messages of that day come in', () => {
    const today = [message('m3', '2026-12-02T10:00:00'), message('m4', '2026-12-02T11:00:00')];
    const before = keys([message('m2', '2026-12-01T09:00:00'), ...today]);
    const after = keys([message('m1', '2026-12-01T08:00:00'), message('m2', '2026-12-01T09:00:00'), message('m2b', '2026-12-02T08:00:00'), ...today]);
    expect(before).toEqual(['top', expect.stringMatching(/^day:open:/), 'm2', expect.stringMatching(/^day:open:/), 'm3', 'm4']);
    // The rows of m3 and m4 and both dividers keep their keys: the list can hold its place.
    expect(after.filter((k) => before.includes(k))).toEqual(before);
    expect(after).toHaveLength(before.length + 2);
  });

  it('shows earlier conversations first under their dividers, finds what a reply answers, and ends a closed chat with its notice', () => {
    const earlier = { id: 'c0', state: 'closed' } as Conversation;
    const question = message('q', '2026-12-02T10:00:00');
    const rows = chatRows({
      earlier: [{ conversation: earlier, messages: [message('old', '2026-11-30T10:00:00')] }],
      messages: [question, message('a', '2026-12-02T10:01:00', { replyToId: 'q' })],
      conversation: { ...open, state: 'closed' },
    });
    expect(rows.map((r) => r.kind)).toEqual(['top', 'earlier', 'day', 'message', 'day', 'message', 'message', 'closed']);
    expect(rows[3]).toMatchObject({ key: 'old', historic: true });
    expect(rows[6]).toMatchObject({ key: 'a', historic: false, replyTo: question });
  });
});
