import { describe, expect, it } from 'vitest';
import { ZenviaClient, ZenviaError } from './client';
import { parseZenviaConfig } from './config';

const TOKEN = 'zenviaUNITtokenNEVERelsewhere0123';
const config = parseZenviaConfig({
  ZENVIA_API_URL: 'https://api.zenvia.test/v2', ZENVIA_API_TOKEN: TOKEN, ZENVIA_SENDER_ID: '5511999990000',
  ZENVIA_WEBHOOK_URL: 'https://helpdesk.example.test/webhooks/zenvia', ZENVIA_WEBHOOK_SECRET: 'unit-webhook-secret-0001',
});

/** A fetch that answers from a table of URLs and records which headers each request carried. */
function fakeFetch(answers: Record<string, () => Response>) {
  const seen: { url: string; token: string | null }[] = [];
  const impl = (async (input: string | URL, init?: RequestInit) => {
    const url = String(input);
    seen.push({ url, token: new Headers(init?.headers).get('x-api-token') });
    const answer = answers[url];
    if (!answer) throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
    return answer();
  }) as typeof fetch;
  return { impl, seen };
}

describe('Zenvia API client', () => {
  it('sends the token only to the API\'s own origin, never to another host a file or a redirect is on', async () => {
    const bytes = Buffer.from('%PDF-1.4 test');
    const { impl, seen } = fakeFetch({
      'https://cdn.example.test/file.pdf': () => new Response(bytes, { headers: { 'content-type': 'application/pdf' } }),
      'https://api.zenvia.test/v2/files/f-1': () => new Response(null, { status: 302, headers: { location: 'https://cdn.example.test/file.pdf' } }),
    });
    const client = new ZenviaClient(config, { fetch: impl });
    expect((await client.download('https://cdn.example.test/file.pdf', 1_000)).bytes.equals(bytes)).toBe(true);
    expect((await client.download('https://api.zenvia.test/v2/files/f-1', 1_000)).bytes.equals(bytes)).toBe(true);
    expect(seen).toEqual([
      { url: 'https://cdn.example.test/file.pdf', token: null },
      { url: 'https://api.zenvia.test/v2/files/f-1', token: TOKEN },
      { url: 'https://cdn.example.test/file.pdf', token: null },
    ]);
    await expect(client.download('ftp://api.zenvia.test/x', 1_000)).rejects.toThrow(/not an http\(s\) URL/);
    await expect(client.download('https://cdn.example.test/file.pdf', 4)).rejects.toThrow(/more than WhatsApp media may be/);
  });

  it('keeps Zenvia\'s code, message and details, without the token, and says whether a request may have reached it', async () => {
    const { impl } = fakeFetch({
      'https://api.zenvia.test/v2/channels/whatsapp/messages': () => new Response(JSON.stringify({
        code: 'VALIDATION_ERROR', message: `Validation error for ${TOKEN}`, details: [{ code: 'X', path: 'to', message: 'invalid' }],
      }), { status: 400 }),
    });
    const client = new ZenviaClient(config, { fetch: impl });
    const refused = await client.post('channels/whatsapp/messages', {}).catch((e: unknown) => e as ZenviaError);
    expect(refused).toBeInstanceOf(ZenviaError);
    expect((refused as ZenviaError).info).toMatchObject({ kind: 'api', httpStatus: 400, code: 'VALIDATION_ERROR', message: 'Validation error for [redacted]', details: ['to: invalid'], maybeDelivered: false });
    expect((refused as Error).message).not.toContain(TOKEN);
    // No connection at all: it certainly did not reach Zenvia.
    const offline = await client.post('templates', {}).catch((e: unknown) => e as ZenviaError);
    expect((offline as ZenviaError).info).toMatchObject({ kind: 'network', maybeDelivered: false });
  });
});
