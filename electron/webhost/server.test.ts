import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createWebHost } from './server';

const CLIENT = '5f0c7a39-3f5e-4d3e-9d5b-8c1f2a3b4c5d';

describe('web host', () => {
  let app: FastifyInstance;
  let base: string;
  let port: number;
  let dir: string;
  let secret: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'webhost-'));
    writeFileSync(join(dir, 'index.html'), '<html><head><script type="module" src="./assets/app.js"></script></head></html>');
    app = await createWebHost({ serverUrl: 'http://127.0.0.1:9', rendererDir: dir, log: { warn: () => undefined, error: () => undefined }, idleEvictMs: 2_000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
    base = `127.0.0.1:${port}`;
    const page = await (await fetch(`http://${base}/`)).text();
    secret = /<meta name="zapdesk-webhost-secret" content="([\w-]+)"/.exec(page)![1]!;
  });

  /** A raw request, so that Host and Origin can be anything (fetch fixes Host). */
  const raw = (path: string, headers: Record<string, string>, method = 'GET') =>
    new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += String(chunk)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });

  /** A socket upgrade with the given Host and Origin: the HTTP status it was refused with, or 101. */
  const upgrade = (host: string, origin: string) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://${base}/bridge`, { origin, headers: { host } });
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('unexpected-response', (req, res) => {
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
      ws.on('error', () => resolve(0));
    });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const connect = (origin: string) =>
    new Promise<{ ws: WebSocket; next: () => Promise<any> }>((resolve, reject) => {
      const ws = new WebSocket(`ws://${base}/bridge`, { origin });
      const queue: any[] = [];
      const waiters: ((v: any) => void)[] = [];
      ws.on('message', (raw) => {
        const message = JSON.parse(String(raw));
        const waiter = waiters.shift();
        if (waiter) waiter(message);
        else queue.push(message);
      });
      ws.on('close', (code) => waiters.shift()?.({ closed: code }));
      ws.on('open', () => resolve({ ws, next: () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => waiters.push(r))) }));
      ws.on('error', reject);
    });

  it('serves the renderer with the bridge script injected before the app', async () => {
    const html = await (await fetch(`http://${base}/`)).text();
    expect(html.indexOf('/webhost-bridge.js')).toBeLessThan(html.indexOf('./assets/app.js'));
    const bridge = await (await fetch(`http://${base}/webhost-bridge.js`)).text();
    expect(bridge).toContain('"auth:login"');
    expect((await fetch(`http://${base}/index.html`)).status).toBe(404);
  });

  it('answers invokes through the same dispatch as Electron, refusing bad payloads', async () => {
    const { ws, next } = await connect(`http://${base}`);
    ws.send(JSON.stringify({ type: 'hello', clientId: CLIENT, locale: 'es-ES', secret }));
    expect(await next()).toEqual({ type: 'ready' });
    expect((await next()).channel).toBe('event:connection');
    ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:info' }));
    expect(await next()).toMatchObject({ type: 'result', id: 1, result: { ok: true, data: { host: 'web', systemLocale: 'es-ES' } } });
    ws.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'auth:status' }));
    expect(await next()).toMatchObject({ id: 2, result: { ok: true, data: { state: 'signedOut' } } });
    ws.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'auth:login', payload: { email: 42 } }));
    expect(await next()).toMatchObject({ id: 3, result: { ok: false, error: { code: 'INVALID_REQUEST' } } });
    ws.close();
  });

  it('serves media only to same-origin requests of a known client, through its core', async () => {
    const id = '0b9d4a1e-2c3f-4d5e-8f70-112233445566';
    const { ws, next } = await connect(`http://${base}`);
    ws.send(JSON.stringify({ type: 'hello', clientId: id, locale: 'en', secret }));
    await next(); // ready
    const media = (headers: Record<string, string>) => fetch(`http://${base}/media/att-1`, { headers });
    expect((await media({ cookie: `zapdesk_client=${id}` })).status).toBe(403); // no Sec-Fetch-Site: not a page of ours
    expect((await media({ 'sec-fetch-site': 'cross-site', cookie: `zapdesk_client=${id}` })).status).toBe(403);
    expect((await media({ 'sec-fetch-site': 'same-origin', cookie: 'zapdesk_client=someone-else' })).status).toBe(403);
    // A known client that is not signed in: its core answers, and has no token to fetch with.
    expect((await media({ 'sec-fetch-site': 'same-origin', cookie: `zapdesk_client=${id}` })).status).toBe(401);
    const bridge = await (await fetch(`http://${base}/webhost-bridge.js`)).text();
    expect(bridge).toContain("document.cookie = 'zapdesk_client=' + clientId");
    ws.close();
  });

  it('refuses a socket from another origin before it opens', async () => {
    expect(await upgrade(base, 'http://evil.example')).toBe(403);
    expect(await upgrade(base, '')).toBe(403);
    expect(await upgrade(base, `http://127.0.0.1:${port + 1}`)).toBe(403);
    expect(await upgrade(base, `http://${base}`)).toBe(101);
    expect(await upgrade(`localhost:${port}`, `http://localhost:${port}`)).toBe(101);
  });

  it('refuses a DNS-rebinding page: another name for this address gets 421 and no data', async () => {
    const rebind = `rebind.attacker.test:${port}`;
    for (const path of ['/', '/webhost-bridge.js', '/media/att-1', '/assets/app.js']) {
      const answer = await raw(path, { host: rebind, origin: `http://${rebind}`, 'sec-fetch-site': 'same-origin', cookie: `zapdesk_client=${CLIENT}` });
      expect(answer.status, path).toBe(421);
      expect(answer.body).not.toContain(secret);
      expect(answer.body).not.toContain('zapdesk');
    }
    expect(await upgrade(rebind, `http://${rebind}`)).toBe(421);
    // Loopback names only, and only on this port.
    expect((await raw('/', { host: `localhost:${port + 1}` })).status).toBe(421);
    expect((await raw('/', { host: '127.0.0.1' })).status).toBe(421);
    expect((await raw('/', { host: `[::1]:${port}` })).status).toBe(200);
    expect((await raw('/', { host: `LocalHost:${port}` })).status).toBe(200);
  });

  it('refuses a state-changing request whose Origin is not this host', async () => {
    expect((await raw('/', { host: base, origin: 'http://evil.example' }, 'POST')).status).toBe(403);
    expect((await raw('/', { host: base }, 'DELETE')).status).toBe(403);
    expect((await raw('/', { host: base, origin: `http://${base}` }, 'POST')).status).toBe(404); // allowed through, no such route
  });

  it('wants the per-start secret of the served page on the socket', async () => {
    const page = await (await fetch(`http://${base}/`)).text();
    expect(page).toContain(`content="${secret}"`);
    expect(page.indexOf('zapdesk-webhost-secret')).toBeLessThan(page.indexOf('/webhost-bridge.js'));
    // The script itself holds no secret (a page elsewhere may include it), and may not be embedded elsewhere.
    const bridge = await fetch(`http://${base}/webhost-bridge.js`);
    expect(bridge.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(await bridge.text()).not.toContain(secret);
    for (const wrong of [undefined, '', 'x'.repeat(secret.length), `${secret}x`]) {
      const { ws, next } = await connect(`http://${base}`);
      ws.send(JSON.stringify({ type: 'hello', clientId: CLIENT, locale: 'en', secret: wrong }));
      expect(await next()).toEqual({ closed: 1008 });
    }
  });

  it('makes a new secret each start', async () => {
    const other = await createWebHost({ serverUrl: 'http://127.0.0.1:9', rendererDir: dir, log: { warn: () => undefined, error: () => undefined } });
    await other.listen({ port: 0, host: '127.0.0.1' });
    const address = other.server.address();
    const page = await (await fetch(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`)).text();
    await other.close();
    expect(page).toMatch(/zapdesk-webhost-secret" content="[\w-]{40,}"/);
    expect(page).not.toContain(secret);
  });

  it('keeps a client across a reload, and forgets it once no page has been open for a while', async () => {
    const id = '7a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const language = async (change?: 'es') => {
      const { ws, next } = await connect(`http://${base}`);
      ws.send(JSON.stringify({ type: 'hello', clientId: id, locale: 'en', secret }));
      await next(); // ready
      await next(); // connection status
      if (change) {
        ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'settings:update', payload: { language: change } }));
        await next();
      }
      ws.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'settings:get' }));
      const answer = await next();
      ws.close();
      return answer.result.data.values.language as string;
    };
    expect(await language('es')).toBe('es');
    expect(await language()).toBe('es'); // a reload reconnects to the same core
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await language()).toBe('system'); // evicted: a fresh core
  });
});
