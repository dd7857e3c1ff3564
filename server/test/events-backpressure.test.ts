import { once } from 'node:events';
import { connect } from 'node:net';
import { expect, it } from 'vitest';
import type { EventBody } from '../src/events/bus';
import { describeOnEachDatabase } from './harness';

describeOnEachDatabase('server-sent events to a client that stops reading', (h) => {
  it('drops the client once it is megabytes behind, instead of holding ever more for it', async () => {
    const token = await h.login('agent@demo.test');
    const { hostname, port } = new URL(h.url);
    const socket = connect(Number(port), hostname);
    await once(socket, 'connect');
    socket.write(`GET /api/v1/events HTTP/1.1\r\nhost: ${hostname}\r\nauthorization: Bearer ${token}\r\n\r\n`);
    const [head] = (await once(socket, 'data')) as [Buffer];
    expect(head.toString()).toMatch(/^HTTP\/1\.1 200 /);
    socket.pause(); // reads nothing more: what the server sends piles up

    const ended = new Promise<boolean>((resolve) => {
      socket.once('end', () => resolve(true));
      socket.once('close', () => resolve(true));
    });
    let received = 0;
    socket.on('data', (chunk: Buffer) => (received += chunk.length));

    // 400 events of 40 kB: 16 MB, more than the socket buffers and the server's 4 MiB limit.
    const text = 'x'.repeat(40_000);
    const conversations = h.server.conversations;
    for (let batch = 0; batch < 8; batch++) {
      await conversations.withEvents(async (tx, emit) => {
        for (let i = 0; i < 50; i++) {
          await emit(conversations.appendEvent(tx, { type: 'message.updated', message: { id: `big-${batch}-${i}`, text } } as unknown as EventBody));
        }
      });
    }

    socket.resume();
    const closed = await Promise.race([ended, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000))]);
    socket.destroy();
    expect(closed).toBe(true); // the server ended the stream; the client resumes with Last-Event-ID
    expect(received).toBeLessThan(400 * 40_000);
  });
});
