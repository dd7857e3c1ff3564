import { describe, expect, it } from 'vitest';
import { translate } from '../../../../shared/i18n';
import { composerGate, type GateInput } from './composer-gate';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('en', key, params);
const base: GateInput = { inWindow: false, canUseTemplates: false, state: null, blockedReason: null, hasContent: false, fileProblem: false, pending: false };

describe('composerGate', () => {
  it('says why Templates is disabled inside the window', () => {
    const gate = composerGate(t, { ...base, inWindow: true, state: 'open', blockedReason: 'CONTACT_HAS_OPEN_SESSION' });
    expect(gate.templates).toBe("The customer's window is open: write a free message.");
    expect(gate.placeholder).toBe('Write a message…');
    expect(gate.send).toBe('Write a message or attach a file first.');
    expect(gate.attach).toBeNull();
  });

  it('does not say "once the customer writes" when the chatbot has a customer who wrote', () => {
    const gate = composerGate(t, { ...base, state: 'bot', blockedReason: 'CONTACT_IN_CHATBOT' });
    expect(gate.placeholder).toContain('chatbot');
    expect(gate.placeholder).not.toContain('once the customer writes');
    expect(gate.templates).toBe('This contact is talking to the chatbot right now.');
  });

  it('waits for the reply to a template', () => {
    const gate = composerGate(t, { ...base, state: 'waiting', blockedReason: 'CONTACT_HAS_OPEN_SESSION' });
    expect(gate.placeholder).toContain('replies to the template');
    expect(gate.send).toContain('24-hour window');
    expect(gate.attach).toContain('24-hour window');
  });

  it('points to the templates outside the window, and says nothing when all is enabled', () => {
    expect(composerGate(t, { ...base, canUseTemplates: true }).placeholder).toContain('use a template');
    const open = composerGate(t, { ...base, inWindow: true, canUseTemplates: true, hasContent: true });
    expect([open.templates, open.attach, open.send]).toEqual([null, null, null]);
  });

  it('gives the lock text when someone else has the conversation', () => {
    const gate = composerGate(t, { ...base, inWindow: true, lockedText: 'Ana has it' });
    expect([gate.placeholder, gate.templates, gate.attach, gate.send]).toEqual(['Ana has it', 'Ana has it', 'Ana has it', 'Ana has it']);
  });
});
