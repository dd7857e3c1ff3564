// @vitest-environment jsdom
/**
 * Drafts (issue 19): what the agent types stays with its conversation across switching and a
 * restart (the desktop core keeps it: here a fake core's map), and goes once it is sent.
 */
import { cleanup, configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeDesktop, renderWithApp } from '../../testing/fakeDesktop';
import { Composer } from './Composer';

configure({ asyncUtilTimeout: 5_000 });

const C1 = '00000000-0000-4000-8000-0000000c0001';
const C2 = '00000000-0000-4000-8000-0000000c0002';

/** A core that keeps drafts in a map (shared by "restarts" of the renderer) and accepts sends. */
function coreWithDrafts(kept = new Map<string, string>()) {
  const desktop = fakeDesktop({
    'drafts:get': ({ conversationId }) => ({ text: kept.get(conversationId as string) ?? '' }),
    'drafts:set': ({ conversationId, text }) => {
      if (text) kept.set(conversationId as string, text as string);
      else kept.delete(conversationId as string);
      return null;
    },
    'messages:send': () => ({ message: {}, conversation: {}, serverTime: new Date().toISOString() }),
  });
  return { desktop, kept };
}

const composer = (conversationId: string) => (
  <Composer conversationId={conversationId} windowOpen canUseTemplates onOpenTemplates={() => undefined} state="open" />
);

describe('composer drafts', () => {
  afterEach(cleanup);

  it('keeps what was typed per conversation when switching away and back', async () => {
    const { kept } = coreWithDrafts();
    const user = userEvent.setup();
    const view = renderWithApp(composer(C1));
    await user.type(await screen.findByLabelText('Message'), 'Olá Bruno, já verifiquei');
    view.rerender(composer(C2));
    await waitFor(() => expect(screen.getByLabelText('Message')).toHaveProperty('value', ''));
    await user.type(screen.getByLabelText('Message'), 'Carla');
    view.rerender(composer(C1));
    expect(screen.getByLabelText('Message')).toHaveProperty('value', 'Olá Bruno, já verifiquei');
    // Switching saved both in the core at once.
    await waitFor(() => expect(Object.fromEntries(kept)).toEqual({ [C1]: 'Olá Bruno, já verifiquei', [C2]: 'Carla' }));
  });

  it('is there again after a restart, and goes once it is sent', async () => {
    const { desktop, kept } = coreWithDrafts(new Map([[C1, 'Texto de antes']]));
    const user = userEvent.setup();
    renderWithApp(composer(C1));
    const box = await screen.findByLabelText('Message');
    await waitFor(() => expect(box).toHaveProperty('value', 'Texto de antes'));
    await user.type(box, ' e mais');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(box).toHaveProperty('value', ''));
    expect(desktop.called('messages:send')).toEqual([{ conversationId: C1, text: 'Texto de antes e mais' }]);
    await waitFor(() => expect(kept.has(C1)).toBe(false));
  });
});
