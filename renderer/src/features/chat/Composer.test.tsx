// @vitest-environment jsdom
/**
 * The composer's attachments (issue 12), with Testing Library over a fake `window.api`: a file
 * dropped on the composer or pasted into it becomes the draft (name, size, a preview for a photo),
 * one WhatsApp would refuse is stopped before any byte moves, and Send uploads the file once and
 * sends it with the typed caption.
 */
import { cleanup, configure, createEvent, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithFakeDesktop } from '../../testing/fakeDesktop';
import { Composer } from './Composer';

configure({ asyncUtilTimeout: 5_000 });

const NOW = '2026-12-02T12:00:00.000Z';
const CONVERSATION = '00000000-0000-4000-8000-0000000c0001';
const UPLOAD = '00000000-0000-4000-8000-0000000a0001';
const ATTACHMENT = '00000000-0000-4000-8000-0000000a0002';

function renderComposer() {
  const { calls } = renderWithFakeDesktop(
    <Composer conversationId={CONVERSATION} windowOpen canUseTemplates={false} onOpenTemplates={() => undefined} state="open" />,
    {
      'attachments:begin': () => ({ uploadId: UPLOAD }),
      'attachments:chunk': (input) => ({ received: Number(input.offset) + 1 }),
      'attachments:finish': () => ({ id: ATTACHMENT, type: 'document', mimeType: 'application/pdf', fileName: 'nota.pdf', size: 9, state: 'ready', serverTime: NOW }),
      'messages:send': (input) => ({
        message: { id: 'm1', conversationId: CONVERSATION, direction: 'outbound', kind: 'media', text: input.text ?? '', status: 'pending', createdAt: NOW, attachments: [], reactions: [] },
        serverTime: NOW,
      }),
    },
  );
  return calls;
}

/** A drop or paste event carrying files, as the browser makes them. */
function withFiles(event: Event, key: 'dataTransfer' | 'clipboardData', files: File[]) {
  Object.defineProperty(event, key, { value: { files, types: ['Files'], dropEffect: 'none' } });
  return event;
}

describe('attaching a file in the composer', () => {
  afterEach(() => cleanup());

  it('takes a dropped photo with a preview, and a pasted document in its place', async () => {
    renderComposer();
    const area = await screen.findByTestId('composer-area');
    const photo = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'etiqueta.png', { type: 'image/png' });
    fireEvent(area, withFiles(createEvent.dragOver(area), 'dataTransfer', [photo]));
    expect(screen.getByText('Drop the file here to attach it')).toBeTruthy();
    fireEvent(area, withFiles(createEvent.drop(area), 'dataTransfer', [photo]));
    const draft = await screen.findByTestId('attachment-draft');
    expect(draft.textContent).toContain('etiqueta.png');
    await waitFor(() => expect(draft.querySelector('img.draft-thumb')?.getAttribute('src')).toMatch(/^data:image\/png;base64,/));

    const box = screen.getByTestId('composer');
    const pdf = new File(['%PDF-1.4\n'], 'nota.pdf', { type: 'application/pdf' });
    fireEvent(box, withFiles(createEvent.paste(box), 'clipboardData', [pdf]));
    await waitFor(() => expect(screen.getByTestId('attachment-draft').textContent).toContain('nota.pdf'));
    expect(screen.getByTestId('attachment-draft').textContent).not.toContain('etiqueta.png');
  });

  it('stops a file WhatsApp would refuse before any byte moves, and sends an accepted one with its caption', async () => {
    // A file the system's picker would hide (the input's accept list) can still be chosen with "All files".
    const user = userEvent.setup({ applyAccept: false });
    const calls = renderComposer();
    const input = await screen.findByTestId('attach-input');
    await user.upload(input, new File([new Uint8Array(10)], 'setup.exe', { type: 'application/x-msdownload' }));
    expect((await screen.findByTestId('attachment-problem')).textContent).toContain('WhatsApp does not accept this kind of file');
    expect((screen.getByTestId('composer-send') as HTMLButtonElement).disabled).toBe(true);
    expect(calls.filter((c) => c.channel.startsWith('attachments:'))).toEqual([]);

    await user.upload(input, new File(['%PDF-1.4\n'], 'nota.pdf', { type: 'application/pdf' }));
    await user.type(screen.getByTestId('composer'), 'Segue a nota');
    await user.click(screen.getByTestId('composer-send'));
    await waitFor(() => expect(calls.map((c) => c.channel)).toContain('messages:send'));
    expect(calls.find((c) => c.channel === 'attachments:begin')!.input).toEqual({ fileName: 'nota.pdf', mimeType: 'application/pdf', size: 9 });
    expect(calls.find((c) => c.channel === 'messages:send')!.input).toEqual({ conversationId: CONVERSATION, text: 'Segue a nota', attachmentId: ATTACHMENT });
    await waitFor(() => expect(screen.queryByTestId('attachment-draft')).toBeNull());
  });
});
