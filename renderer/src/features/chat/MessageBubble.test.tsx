// @vitest-environment jsdom
/**
 * Real WhatsApp content in a chat bubble (issue 12), rendered with Testing Library: a button,
 * list or flow answer said once (not as a choice and again as text), a flow's answers under a
 * heading with yes/no in words, a photo thumbnail that opens larger, a document to open or save,
 * and a voice note or video this app cannot play offered as a file instead of "not received".
 */
import { cleanup, configure, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/api/schemas';
import { renderWithFakeDesktop } from '../../testing/fakeDesktop';
import { MessageBubble } from './MessageBubble';

configure({ asyncUtilTimeout: 5_000 });

const NOW = '2026-12-02T12:00:00.000Z';
const message = (patch: Partial<Message>): Message => ({
  id: crypto.randomUUID(), conversationId: 'c1', direction: 'inbound', kind: 'text', text: '', status: 'received', createdAt: NOW, attachments: [], reactions: [], ...patch,
});

function renderBubble(m: Message) {
  return renderWithFakeDesktop(
    <ul>
      <MessageBubble message={m} />
    </ul>,
  );
}

describe('a chat bubble with WhatsApp content', () => {
  beforeEach(() => cleanup());
  afterEach(() => cleanup());

  it('says a button or list answer once, as the customer’s choice', async () => {
    renderBubble(message({ kind: 'interactive', text: 'Quero trocar', interactive: { id: 'troca', title: 'Quero trocar' } }));
    const bubble = await screen.findByTestId('message');
    expect(within(bubble).getByTestId('interactive')).toHaveProperty('textContent', 'Chose: Quero trocar');
    expect(within(bubble).getAllByText(/Quero trocar/)).toHaveLength(1);
  });

  it('lists a flow’s answers under a heading, yes and no in words, without repeating them as text', async () => {
    renderBubble(message({
      kind: 'interactive', text: 'Motivo: Tamanho errado\nAceita vale: true',
      interactive: { answers: [{ question: 'Motivo', answer: 'Tamanho errado' }, { question: 'Aceita vale', answer: 'true' }, { question: 'Newsletter', answer: 'false' }] },
    }));
    const list = await screen.findByLabelText('Form answers');
    expect(screen.getByText('Form answers', { selector: '.answers-title' })).toBeTruthy();
    expect([...list.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['Motivo', 'Aceita vale', 'Newsletter']);
    expect([...list.querySelectorAll('dd')].map((d) => d.textContent)).toEqual(['Tamanho errado', 'Yes', 'No']);
    expect(screen.queryByText(/Aceita vale: true/)).toBeNull();
  });

  it('shows a photo that opens larger, and a document with its name and size to open or save', async () => {
    const user = userEvent.setup();
    renderBubble(message({
      kind: 'media', text: 'Olha como chegou',
      attachments: [{ id: 'a-photo', type: 'image', mimeType: 'image/jpeg', fileName: 'foto.jpg', size: 2048, state: 'ready' }],
    }));
    const photo = await screen.findByRole('img', { name: 'Olha como chegou' });
    expect(photo.getAttribute('src')).toBe('/media/a-photo');
    await user.click(screen.getByRole('button', { name: 'Show larger: Olha como chegou' }));
    expect(screen.getByTestId('image-viewer')).toBeTruthy();
    cleanup();

    renderBubble(message({
      direction: 'outbound', kind: 'media', text: 'Segue a nota',
      attachments: [{ id: 'a-doc', type: 'document', mimeType: 'application/pdf', fileName: 'nota-88123.pdf', size: 23 * 1024, state: 'ready' }],
    }));
    const doc = await screen.findByTestId('attachment');
    expect(doc.textContent).toContain('nota-88123.pdf');
    expect(doc.textContent).toContain('23 KB · PDF');
    expect(within(doc).getByRole('link', { name: 'Save nota-88123.pdf' }).getAttribute('href')).toBe('/media/a-doc');
    expect(within(doc).getByRole('link', { name: 'Open nota-88123.pdf' }).getAttribute('target')).toBe('_blank');
  });

  it('offers a voice note this app cannot play as a file to open or save, not as "not received"', async () => {
    renderBubble(message({
      kind: 'media', attachments: [{ id: 'a-voice', type: 'audio', mimeType: 'audio/amr', fileName: null, size: 5000, state: 'ready', voice: true }],
    }));
    const player = (await screen.findByTestId('attachment')).querySelector('audio')!;
    fireEvent.error(player);
    const file = await screen.findByTestId('attachment');
    expect(file.getAttribute('data-unplayable')).toBe('true');
    expect(file.textContent).toContain('Voice message: it cannot be played here; open or save it.');
    expect(within(file).getByRole('link', { name: 'Save Voice message' }).getAttribute('href')).toBe('/media/a-voice');
    expect(file.textContent).not.toContain('could not be received');
  });

  it('says a photo still on its way from WhatsApp is coming, and one WhatsApp would not give is lost', async () => {
    renderBubble(message({ kind: 'media', attachments: [{ id: 'a-p', type: 'image', mimeType: 'image/jpeg', size: null, state: 'pending' }] }));
    expect((await screen.findByRole('status')).textContent).toBe('Image: receiving it from WhatsApp…');
    cleanup();
    renderBubble(message({ kind: 'media', attachments: [{ id: 'a-f', type: 'image', mimeType: 'image/jpeg', size: null, state: 'failed' }] }));
    expect((await screen.findByRole('note')).textContent).toBe('Image: it could not be received from WhatsApp.');
  });
});
