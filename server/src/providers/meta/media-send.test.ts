import { describe, expect, it } from 'vitest';
import { GraphMediaMessage } from '../../../test/meta/graph-schema';
import { MetaTransport } from './transport';

const config = {
  graphUrl: 'https://graph.test', apiVersion: 'v23.0', phoneNumberId: '1000000000001', wabaId: '2000000000002',
  accessToken: 'EAAtoken', appSecret: 'secret-secret-secret', verifyToken: 'verify',
};

/** The body the transport posts for a media send, answered like Graph does. */
async function bodyOf(media: { type: 'image' | 'video' | 'audio' | 'document' | 'sticker'; fileName?: string }, text: string) {
  let posted: unknown;
  const transport = new MetaTransport(config, {
    fetch: async (_url, init) => {
      posted = JSON.parse(String(init?.body));
      return new Response(JSON.stringify({ messages: [{ id: 'wamid.X' }] }), { status: 200 });
    },
  });
  const outcome = await transport.sendText({ to: '+5511999990001', text, correlationId: 'c-1', media: { id: '777', ...media } });
  expect(outcome).toMatchObject({ ok: true, providerMessageId: 'wamid.X' });
  return posted as Record<string, any>;
}

describe('media sends to Graph', () => {
  it('match Meta’s media message shape for every type: captions where WhatsApp shows them, file names on documents', async () => {
    for (const type of ['image', 'video', 'audio', 'document', 'sticker'] as const) {
      const body = await bodyOf({ type, fileName: 'nota.pdf' }, 'legenda');
      expect(GraphMediaMessage.safeParse(body).success).toBe(true);
      expect(body[type].id).toBe('777');
      expect(body[type].caption).toBe(type === 'audio' || type === 'sticker' ? undefined : 'legenda');
      expect(body[type].filename).toBe(type === 'document' ? 'nota.pdf' : undefined);
    }
    expect((await bodyOf({ type: 'image' }, '')).image).toEqual({ id: '777' });
  });
});
