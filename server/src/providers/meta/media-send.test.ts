import { describe, expect, it } from 'vitest';
import { GraphMediaMessage } from '../../../test/meta/graph-schema';
import { publishedSchemaProblems } from '../../../test/meta/meta-schema';
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
      expect(publishedSchemaProblems(body)).toBeNull();
      expect(GraphMediaMessage.safeParse(body).success).toBe(true);
      expect(body[type].id).toBe('777');
      expect(body[type].caption).toBe(type === 'audio' || type === 'sticker' ? undefined : 'legenda');
      expect(body[type].filename).toBe(type === 'document' ? 'nota.pdf' : undefined);
    }
    expect((await bodyOf({ type: 'image' }, '')).image).toEqual({ id: '777' });
  });

  it('are judged against Meta’s published schema, which refuses what Graph refuses', () => {
    const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '+5511999990001', biz_opaque_callback_data: 'c-1' };
    expect(publishedSchemaProblems({ ...base, type: 'image', image: { id: '777', link: 'https://example.com/a.png' } })).toMatch(/image/);
    expect(publishedSchemaProblems({ ...base, type: 'text', text: { body: 'oi', preview: true } })).toMatch(/text/);
    expect(publishedSchemaProblems({ ...base, type: 'voice', voice: { id: '777' } })).toMatch(/not a message type/);
    expect(publishedSchemaProblems({ ...base, type: 'document', document: { id: '777' }, caption: 'out of place' })).toMatch(/caption/);
    expect(publishedSchemaProblems({ ...base, type: 'template', template: { name: 'x', language: { code: 'pt_BR' }, components: [{ type: 'footer' }] } })).toMatch(/type/);
  });
});
