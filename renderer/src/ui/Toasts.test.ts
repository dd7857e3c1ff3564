// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../../shared/i18n';
import type { DesktopNotification } from '../../../shared/ipc/notifications';
import { ToastStack } from './Toasts';

const T0 = Date.parse('2026-11-25T12:00:00.000Z');
const t = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

function note(id: string, patch: Partial<DesktopNotification> = {}): DesktopNotification {
  return { id, kind: 'customer_replied', title: `${id} replied`, body: 'Your template got a reply.', conversationId: `c-${id}`, urgency: 'normal', silent: false, createdAt: new Date(T0).toISOString(), ...patch };
}

/** The stack as Toasts uses it: a list in state, dismissals taken off it. */
function Harness({ initial, now, onOpen }: { initial: DesktopNotification[]; now: number; onOpen(id: string): void }) {
  const [toasts, setToasts] = useState(initial);
  return createElement(ToastStack, { toasts, now, t, onOpen, onDismiss: (id: string) => setToasts((all) => all.filter((n) => n.id !== id)) });
}

function show(initial: DesktopNotification[], now = T0, onOpen = vi.fn()) {
  const view = render(createElement(Harness, { initial, now, onOpen }));
  return { ...view, onOpen, rerenderAt: (at: number) => view.rerender(createElement(Harness, { initial, now: at, onOpen })) };
}

const toasts = () => screen.queryAllByTestId('toast');
const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe('toasts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('go by themselves after about 8 seconds, and are announced politely once', () => {
    show([note('Gabriela')]);
    expect(screen.getByTestId('toast-announcer')).toHaveProperty('textContent', 'Gabriela replied. Your template got a reply.');
    expect(screen.getByTestId('toast-announcer').getAttribute('aria-live')).toBe('polite');
    wait(7_900);
    expect(toasts()).toHaveLength(1);
    wait(200);
    expect(toasts()).toHaveLength(0);
  });

  const hover = { pause: () => fireEvent.mouseEnter(toasts()[0]!), resume: () => fireEvent.mouseLeave(toasts()[0]!) };
  const focus = {
    pause: () => act(() => screen.getByRole('button', { name: 'Dismiss' }).focus()),
    resume: () => act(() => screen.getByRole('button', { name: 'Dismiss' }).blur()),
  };
  it.each([['hovered', hover], ['focused', focus]])('stay while %s and keep what was left after', (_, by) => {
    show([note('Gabriela')]);
    wait(5_000);
    by.pause();
    wait(60_000);
    expect(toasts()).toHaveLength(1);
    by.resume();
    wait(2_900);
    expect(toasts()).toHaveLength(1);
    wait(200);
    expect(toasts()).toHaveLength(0);
  });

  it('go with Escape or their button, focus moving to the next one', () => {
    show([note('Gabriela'), note('Bruno'), note('Elena')]);
    const [first] = screen.getAllByRole('button', { name: 'Dismiss' });
    act(() => first!.focus());
    fireEvent.keyDown(first!, { key: 'Escape' });
    expect(toasts().map((n) => n.textContent)).toEqual([expect.stringContaining('Bruno'), expect.stringContaining('Elena')]);
    expect(document.activeElement).toBe(screen.getAllByRole('button', { name: 'Dismiss' })[0]);
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss' })[1]!);
    expect(toasts().map((n) => n.textContent)).toEqual([expect.stringContaining('Bruno')]);
  });

  it('open their conversation when clicked', () => {
    const { onOpen } = show([note('Gabriela')]);
    fireEvent.click(screen.getByRole('button', { name: /Gabriela replied/ }));
    expect(onOpen).toHaveBeenCalledWith('c-Gabriela');
    expect(toasts()).toHaveLength(0);
  });

  it('about a deadline count down with the server clock, and go when it passes', () => {
    const closing = note('Gabriela', {
      kind: 'auto_close_soon',
      body: 'The conversation closes automatically in 31 min unless the customer replies.',
      countdown: { at: new Date(T0 + 29 * 60_000 + 30_000).toISOString(), text: 'The conversation closes automatically in {time} unless the customer replies.' },
    });
    const { rerenderAt } = show([closing]);
    expect(screen.getByTestId('toast-text').textContent).toBe('The conversation closes automatically in 29 min unless the customer replies.');
    fireEvent.mouseEnter(toasts()[0]!);
    rerenderAt(T0 + 29 * 60_000);
    expect(screen.getByTestId('toast-text').textContent).toBe('The conversation closes automatically in 30 s unless the customer replies.');
    rerenderAt(T0 + 30 * 60_000);
    expect(toasts()).toHaveLength(0);
  });
});
