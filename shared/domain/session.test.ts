import { describe, expect, it } from 'vitest';
import { contactSession, type ActiveConversation } from './session';

const waiting: ActiveConversation = {
  id: 'c1',
  state: 'waiting',
  windowExpiresAt: null,
  autoCloseAt: '2026-11-26T12:00:00.000Z',
  assignee: { id: 'u1', name: 'Ana Agent' },
};

describe('contactSession', () => {
  it('lets an agent send to a WhatsApp contact with no session', () => {
    const s = contactSession({ whatsapp: true, active: null, hadConversation: false, role: 'agent' });
    expect(s).toMatchObject({ state: 'none', canSendTemplate: true, blockedReason: null });
  });

  it('reports a closed history as closed, still sendable', () => {
    const s = contactSession({ whatsapp: true, active: null, hadConversation: true, role: 'operator' });
    expect(s).toMatchObject({ state: 'closed', canSendTemplate: true });
  });

  it('blocks while waiting for a reply, until the auto-close time, naming who holds it', () => {
    const s = contactSession({ whatsapp: true, active: waiting, hadConversation: true, role: 'agent' });
    expect(s).toMatchObject({
      state: 'waiting',
      canSendTemplate: false,
      blockedReason: 'CONTACT_HAS_OPEN_SESSION',
      blockedUntil: waiting.autoCloseAt,
      assignee: { name: 'Ana Agent' },
    });
  });

  it('blocks an open session until its window expires', () => {
    const open = { ...waiting, state: 'open' as const, windowExpiresAt: '2026-11-26T10:00:00.000Z', autoCloseAt: null };
    const s = contactSession({ whatsapp: true, active: open, hadConversation: true, role: 'administrator' });
    expect(s).toMatchObject({ blockedReason: 'CONTACT_HAS_OPEN_SESSION', blockedUntil: open.windowExpiresAt });
  });

  it('blocks a waiting session until it auto-closes, not until its older window ends', () => {
    const both = { ...waiting, windowExpiresAt: '2026-11-26T09:00:00.000Z' };
    expect(contactSession({ whatsapp: true, active: both, hadConversation: true, role: 'agent' }).blockedUntil).toBe(waiting.autoCloseAt);
  });

  it('blocks a contact in a chatbot with no end time', () => {
    const bot = { ...waiting, state: 'bot' as const, autoCloseAt: null, assignee: null };
    expect(contactSession({ whatsapp: true, active: bot, hadConversation: true, role: 'agent' })).toMatchObject({
      blockedReason: 'CONTACT_IN_CHATBOT',
      blockedUntil: null,
    });
  });

  it('blocks a contact that is not on WhatsApp', () => {
    expect(contactSession({ whatsapp: false, active: null, hadConversation: false, role: 'agent' }).blockedReason).toBe(
      'CHANNEL_NOT_WHATSAPP',
    );
  });

  it('names the role first for a supervisor, whatever the contact', () => {
    expect(contactSession({ whatsapp: false, active: waiting, hadConversation: true, role: 'supervisor' })).toMatchObject({
      canSendTemplate: false,
      blockedReason: 'ROLE_NOT_ALLOWED',
    });
  });
});
