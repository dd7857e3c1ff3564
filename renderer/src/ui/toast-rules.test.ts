import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n';
import type { DesktopNotification } from '../../../shared/ipc/notifications';
import { addToast, clearance, isPast, leftAfterPause, toastBody } from './toast-rules';

const T0 = Date.parse('2026-11-25T12:00:00.000Z');
const MIN = 60_000;
const t = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

function toast(id: string, patch: Partial<DesktopNotification> = {}): DesktopNotification {
  return { id, kind: 'customer_replied', title: `Title ${id}`, body: `Body ${id}`, conversationId: `c-${id}`, urgency: 'normal', silent: false, createdAt: new Date(T0).toISOString(), ...patch };
}

describe('toast list', () => {
  it('puts the newest first, replaces an older word on the same conversation and keeps four', () => {
    let all: DesktopNotification[] = [];
    for (const id of ['a', 'b', 'c', 'd', 'e']) all = addToast(all, toast(id));
    expect(all.map((n) => n.id)).toEqual(['e', 'd', 'c', 'b']);
    all = addToast(all, toast('f', { conversationId: 'c-c' }));
    expect(all.map((n) => n.id)).toEqual(['f', 'e', 'd', 'b']);
    all = addToast(all, toast('g', { conversationId: null }));
    expect(all.map((n) => n.id)).toEqual(['g', 'f', 'e', 'd']);
  });
});

describe('a deadline toast', () => {
  const closing = toast('x', {
    kind: 'supervisor_expiring',
    body: 'Most urgent: Gabriela Rocha (Ana Ribeiro), closes without reply in 31 min.',
    countdown: { at: new Date(T0 + 30 * MIN + 40_000).toISOString(), text: 'Most urgent: Gabriela Rocha (Ana Ribeiro), closes without reply in {time}.' },
  });

  it('counts the time left from the deadline and the server clock, at each tick', () => {
    expect(toastBody(closing, T0, t)).toBe('Most urgent: Gabriela Rocha (Ana Ribeiro), closes without reply in 30 min.');
    expect(toastBody(closing, T0 + 90_000, t)).toBe('Most urgent: Gabriela Rocha (Ana Ribeiro), closes without reply in 29 min.');
    expect(toastBody(closing, T0 + 30 * MIN + 10_000, t)).toBe('Most urgent: Gabriela Rocha (Ana Ribeiro), closes without reply in 30 s.');
  });

  it('is past once the deadline is; other toasts never are', () => {
    expect(isPast(closing, T0 + 30 * MIN)).toBe(false);
    expect(isPast(closing, T0 + 31 * MIN)).toBe(true);
    expect(isPast(toast('y'), T0 + 99 * MIN)).toBe(false);
    expect(toastBody(toast('y'), T0, t)).toBe('Body y');
  });
});

describe('auto-dismiss across pauses', () => {
  it('keeps what was left, and at least two seconds after a pause', () => {
    expect(leftAfterPause(8_000, 3_000)).toBe(5_000);
    expect(leftAfterPause(8_000, 7_900)).toBe(2_000);
  });
});

describe('where the toasts sit', () => {
  const stack = { left: 1000, right: 1350 };
  it('above a composer under them', () => {
    expect(clearance(stack, [{ top: 690, left: 990, right: 1366, height: 78 }], 768, 16)).toBe(94);
  });
  it('at the bottom when what is below lies in other columns or the upper half', () => {
    expect(clearance(stack, [{ top: 690, left: 200, right: 700, height: 78 }, { top: 120, left: 990, right: 1366, height: 30 }], 768, 16)).toBe(16);
    expect(clearance(stack, [{ top: 690, left: 990, right: 1366, height: 0 }], 768, 16)).toBe(16);
  });
});
