import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./testing/fake-electron'));
const { fake } = await import('./testing/fake-electron');

const { handleMediaScheme, registerMediaScheme } = await import('./media-protocol');

describe('zapdesk-media scheme', () => {
  const asked: { id: string; range: string | null | undefined }[] = [];
  const media = {
    respond: async (id: string, range?: string | null) => {
      asked.push({ id, range });
      return { status: range ? 206 : 200, headers: { 'content-type': 'image/png' }, body: new Uint8Array([1, 2, 3]) };
    },
  };

  it('is a secure streaming scheme whose requests go to the core, ranges included', async () => {
    registerMediaScheme();
    handleMediaScheme(media);
    expect(fake.privilegedSchemes).toEqual([{ scheme: 'zapdesk-media', privileges: expect.objectContaining({ secure: true, stream: true, standard: true }) }]);
    const whole = await fake.request('zapdesk-media://media/att-1');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));

    const part = await fake.request('zapdesk-media://media/att-1', { headers: { range: 'bytes=1-' } });
    expect(part.status).toBe(206);
    expect(asked.at(-1)).toEqual({ id: 'att-1', range: 'bytes=1-' });
  });

  it('refuses other hosts, nested paths and writes without asking the core', async () => {
    const before = asked.length;
    expect((await fake.request('zapdesk-media://other/att-1')).status).toBe(404);
    expect((await fake.request('zapdesk-media://media/a/b')).status).toBe(404);
    expect((await fake.request('zapdesk-media://media/att-1', { method: 'POST', body: 'x' })).status).toBe(405);
    expect(asked.length).toBe(before);
  });
});
