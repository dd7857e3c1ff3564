import { expect, it } from 'vitest';
import { conversationOf, describeOnEachDatabase, type Harness } from './harness';
import { exe, mp3, pdf, png } from './media-bytes';

async function upload(h: Harness, token: string, bytes: Buffer, name: string, claimedType = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: claimedType }), name);
  const response = await fetch(`${h.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}

describeOnEachDatabase('attachments', (h) => {
  it('keeps an upload judged by its bytes and serves it only to signed-in users', async () => {
    const agent = await h.login('agent@demo.test');
    const image = png(4, 3);
    // Named and typed as a PDF: the bytes say PNG, and PNG it is.
    const up = await upload(h, agent, image, 'not-really.pdf', 'application/pdf');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ type: 'image', mimeType: 'image/png', fileName: 'not-really.pdf', size: image.length, state: 'ready' });

    const supervisor = await h.login('supervisor@demo.test');
    const got = await fetch(`${h.url}/api/v1/attachments/${up.body.id}/content`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toContain('inline');
    expect(Buffer.from(await got.arrayBuffer()).equals(image)).toBe(true);

    expect((await fetch(`${h.url}/api/v1/attachments/${up.body.id}/content`)).status).toBe(401);
    expect((await h.api('/api/v1/attachments/00000000-0000-4000-8000-000000000000/content', { token: agent })).body.code).toBe('NOT_FOUND');
    expect((await h.api('/api/v1/attachments/nonsense/content', { token: agent })).status).toBe(404);
  });

  it('refuses what WhatsApp would refuse, with 413 and 415, and keeps nothing of it', async () => {
    const agent = await h.login('agent@demo.test');
    const count = async () => Number((await h.server.db.query<{ n: string }>('SELECT count(*)::text AS n FROM attachments')).rows[0]!.n);
    const kept = await count();
    const big = await upload(h, agent, png(2, 2, [0, 0, 0], 5 * 1024 * 1024 + 10), 'big.png', 'image/png');
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('ATTACHMENT_TOO_LARGE');
    const program = await upload(h, agent, exe(), 'photo.jpg', 'image/jpeg');
    expect(program.status).toBe(415);
    expect(program.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const binary = await upload(h, agent, Buffer.from([0, 1, 2, 3, 0, 255, 254]), 'notes.txt', 'text/plain');
    expect(binary.body.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const text = await upload(h, agent, Buffer.from('Pedido A-1001: entregue.\n'), 'C:\\Users\\ana\\notas\u0000.txt', 'text/plain');
    expect(text.body).toMatchObject({ type: 'document', mimeType: 'text/plain', fileName: 'notas.txt' });

    const json = await h.api('/api/v1/attachments', { token: agent, body: { file: 'x' } });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('VALIDATION_FAILED');
    const empty = await upload(h, agent, Buffer.alloc(0), 'empty.png');
    expect(empty.body.code).toBe('VALIDATION_FAILED');
    // Supervisors read; they do not send.
    expect((await upload(h, await h.login('supervisor@demo.test'), png(), 'a.png')).status).toBe(403);
    expect(await count()).toBe(kept + 1); // the text file only
  });

  it('sends a file with its caption inside the window, and refuses captions WhatsApp would not show', async () => {
    const agent = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    const doc = await upload(h, agent, pdf(), 'Segunda via.pdf');
    expect(doc.body).toMatchObject({ type: 'document', mimeType: 'application/pdf' });
    const sent = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text: 'Segue o boleto', attachmentId: doc.body.id } });
    expect(sent.status).toBe(201);
    expect(sent.body.message).toMatchObject({
      kind: 'media', direction: 'outbound', text: 'Segue o boleto',
      attachments: [{ id: doc.body.id, type: 'document', fileName: 'Segunda via.pdf', mimeType: 'application/pdf', state: 'ready' }],
    });
    const listed = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent });
    expect(listed.body.items.at(-1)).toMatchObject({ id: sent.body.message.id, attachments: [{ id: doc.body.id }] });

    const audio = await upload(h, agent, mp3(), 'voice.mp3');
    expect(audio.body).toMatchObject({ type: 'audio', mimeType: 'audio/mpeg' });
    const captioned = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { text: 'ouça', attachmentId: audio.body.id } });
    expect(captioned.status).toBe(400);
    expect(captioned.body.errors[0].path).toBe('text');
    expect((await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { attachmentId: audio.body.id } })).status).toBe(201);
    const missing = await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: { attachmentId: '00000000-0000-4000-8000-000000000000' } });
    expect(missing.body.code).toBe('NOT_FOUND');
    expect((await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: agent, body: {} })).body.code).toBe('VALIDATION_FAILED');

    // Closed, the conversation files its transcript in the ticket with the file in it.
    const closedBruno = await h.api(`/api/v1/conversations/${bruno.id}/close`, { token: agent, body: {} });
    const ticket = await h.api(`/api/v1/tickets/${closedBruno.body.ticketId}`, { token: agent });
    const transcript = ticket.body.timeline.find((e: { kind: string }) => e.kind === 'chat_action').body.transcript;
    expect(transcript.find((m: { text: string }) => m.text === 'Segue o boleto')).toMatchObject({
      kind: 'media', attachments: [{ id: doc.body.id, type: 'document', fileName: 'Segunda via.pdf' }],
    });

    // Outside the window a file is refused like text.
    const carla = (await h.api('/api/v1/conversations?state=closed&q=Carla', { token: agent })).body.items[0];
    const closed = await h.api(`/api/v1/conversations/${carla.id}/messages`, { token: agent, body: { attachmentId: doc.body.id } });
    expect(closed.status).toBe(409);
  });

  it('shows a sandbox customer photo as media in the conversation and its event', async () => {
    const admin = await h.login('admin@demo.test');
    const photo = await upload(h, admin, png(8, 8, [200, 30, 30]), 'foto.png');
    const received = await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5511999990001', text: 'Chegou assim', attachmentId: photo.body.id } });
    expect(received.status).toBe(201);
    expect(received.body.message).toMatchObject({
      kind: 'media', direction: 'inbound', text: 'Chegou assim', attachments: [{ id: photo.body.id, type: 'image', mimeType: 'image/png', state: 'ready' }],
    });
    expect(received.body.conversation.lastMessage).toMatchObject({ kind: 'media', text: 'Chegou assim' });
    expect(received.body.conversation).toMatchObject({ state: 'open', contact: { name: 'Bruno Costa' } });
    const noCaption = await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5511999990001', attachmentId: photo.body.id } });
    expect(noCaption.body.message).toMatchObject({ kind: 'media', text: '' });
    const nothing = await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5511999990001' } });
    expect(nothing.body.code).toBe('VALIDATION_FAILED');
  });
});

describeOnEachDatabase(
  'attachments across a restart',
  (h) => {
    it('keeps the bytes where the README says, and serves them after a restart', async () => {
      const agent = await h.login('agent@demo.test');
      const image = png(3, 3, [1, 2, 3]);
      const up = await upload(h, agent, image, 'a.png');
      const { rows } = await h.server.db.query<{ storage: string }>('SELECT storage FROM attachments WHERE id = $1', [up.body.id]);
      // PostgreSQL: in the database, so every instance sees them; PGlite with a data folder: in <data>/attachments.
      expect(rows[0]!.storage).toBe(h.server.db.kind === 'pg' ? 'database' : 'file');
      await h.restart();
      const got = await fetch(`${h.url}/api/v1/attachments/${up.body.id}/content`, { headers: { authorization: `Bearer ${await h.login('agent@demo.test')}` } });
      expect(Buffer.from(await got.arrayBuffer()).equals(image)).toBe(true);
    });
  },
  {},
  { persistent: true },
);
