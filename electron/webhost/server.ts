import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { DesktopNotification } from '../../shared/ipc/notifications';
import type { Settings } from '../../shared/ipc/settings';
import { createDesktopCore, type DesktopCore } from '../core/core';
import { MemorySecureStore, MemoryStore, type Logger } from '../core/ports';
import { WEB_MEDIA_PATH } from '../../shared/ipc/media';
import { bridgeScript, CLIENT_COOKIE, SECRET_META } from './bridge-script';

export interface WebHostOptions {
  serverUrl: string;
  rendererDir: string;
  version?: string;
  log?: Logger;
  /** IT policy for every core of this host (see electron/core/settings/policy). */
  policy?: Partial<Settings>;
  /**
   * Keep every notification shown and serve them at `GET /test/notifications`, for end-to-end
   * tests. Off by default: notifications name customers.
   */
  recordNotifications?: boolean;
  /** A client with no open page for this long is forgotten (its core stopped, its session gone). */
  idleEvictMs?: number;
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

export interface RecordedNotification {
  clientId: string;
  user: string | null;
  notification: DesktopNotification;
}

const Hello = z.object({
  type: z.literal('hello'),
  clientId: z.string().uuid(),
  locale: z.string().max(35).default('en'),
  secret: z.string().max(200),
});

/** The names this host answers to: loopback only, so a DNS-rebinding page (another name, same address) is refused. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** `Host` is a loopback name on the port the request arrived on; returns that origin, else null. */
export function ownOrigin(host: string | undefined, port: number | undefined): string | null {
  if (!host || !port) return null;
  const wanted = host.toLowerCase();
  return LOOPBACK_NAMES.some((name) => wanted === `${name}:${port}`) ? `http://${wanted}` : null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const Invoke = z.object({ type: z.literal('invoke'), id: z.number().int(), channel: z.string().max(100), payload: z.unknown().optional() });

interface Client {
  id: string;
  core: DesktopCore;
  sockets: Set<WebSocket>;
  evictTimer: NodeJS.Timeout | null;
}

const DEFAULT_IDLE_EVICT_MS = 30 * 60_000;

/**
 * The second shell: the same desktop core and dispatch as Electron's main process, one per
 * browser client, reached over a WebSocket; also serves the built renderer.
 */
export async function createWebHost(options: WebHostOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const clients = new Map<string, Client>();
  // A new secret each start, only in the page (a cross-origin page cannot read it): the socket
  // wants it in the hello. The bridge script reads it from the page's meta tag, so a page
  // elsewhere that includes the script gets nothing.
  const secret = randomBytes(32).toString('base64url');
  const indexHtml = readFileSync(join(options.rendererDir, 'index.html'), 'utf8').replace(
    /<script type="module"/,
    `<meta name="${SECRET_META}" content="${secret}" />\n    <script src="/webhost-bridge.js"></script>\n    <script type="module"`,
  );
  const bridge = bridgeScript();
  const recorded: RecordedNotification[] = [];

  const clientFor = async (clientId: string, locale: string): Promise<Client> => {
    const existing = clients.get(clientId);
    if (existing) return existing;
    const sockets = new Set<WebSocket>();
    const emit = (channel: string, payload: unknown) => {
      const frame = JSON.stringify({ type: 'event', channel, payload });
      for (const socket of sockets) socket.send(frame);
    };
    const core: DesktopCore = createDesktopCore({
      secureStore: new MemorySecureStore(),
      settingsStore: new MemoryStore(),
      defaultServerUrl: options.serverUrl,
      policy: options.policy,
      appInfo: { version: options.version ?? '0.0.0', platform: process.platform, host: 'web', systemLocale: locale },
      emit,
      // A browser tab cannot show native notifications for us: they become in-app toasts.
      notify: (notification) => {
        if (options.recordNotifications) recorded.push({ clientId, user: core.session.currentUser?.email ?? null, notification });
        emit('event:notification', notification);
      },
      log: options.log,
    });
    const client: Client = { id: clientId, core, sockets, evictTimer: null };
    clients.set(clientId, client);
    await core.start();
    return client;
  };

  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });
  // After the websocket plugin's own hooks (which close a refused upgrade's socket). Every
  // request, socket upgrades included: Host must be a loopback name on our own port, and a
  // request that can change state (and the socket) must come from a page of that same origin.
  app.addHook('onRequest', async (request, reply) => {
    const origin = ownOrigin(request.headers.host, request.raw.socket.localPort);
    if (!origin) return reply.code(421).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Misdirected request');
    const changes = !SAFE_METHODS.has(request.method) || request.headers.upgrade !== undefined;
    if (changes && request.headers.origin !== origin) return reply.code(403).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Forbidden');
    // Nothing here is for other sites to embed (a <script src> from elsewhere included).
    reply.header('cross-origin-resource-policy', 'same-origin');
    return undefined;
  });

  // index.html is only served with the bridge script in it (at `/`).
  await app.register(fastifyStatic, { root: options.rendererDir, index: false, wildcard: true, allowedPath: (path) => path !== '/index.html' });

  app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(indexHtml));
  if (options.recordNotifications) {
    app.get('/test/notifications', async () => ({ items: recorded }));
  }
  // Media for the page (img, audio, video, downloads): through this client's core, which holds the
  // token. Only same-origin requests of a page that said hello (its client id in a cookie).
  app.get(`${WEB_MEDIA_PATH}:id`, async (request, reply) => {
    const site = request.headers['sec-fetch-site'];
    const clientId = cookieValue(request.headers.cookie, CLIENT_COOKIE);
    const client = clientId ? clients.get(clientId) : undefined;
    if (site !== 'same-origin' || !client) return reply.code(403).header('cache-control', 'no-store').send();
    const { id } = request.params as { id: string };
    const answer = await client.core.media.respond(id, request.headers.range);
    reply.code(answer.status).headers(answer.headers);
    return answer.body ? reply.send(Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength)) : reply.send();
  });
  app.get('/webhost-bridge.js', (_request, reply) => reply.type('text/javascript; charset=utf-8').send(bridge));

  app.get('/bridge', { websocket: true }, (socket, request) => {
    // The sender check of this shell: only pages served by this web host may drive a core (the
    // onRequest hook checked Host and Origin; checked again here in case hooks change).
    const origin = ownOrigin(request.headers.host, request.raw.socket.localPort);
    if (!origin || request.headers.origin !== origin) {
      socket.close(1008, 'origin not allowed');
      return;
    }
    let client: Client | null = null;
    socket.on('message', (raw: Buffer) => {
      void (async () => {
        let message: unknown;
        try {
          message = JSON.parse(raw.toString('utf8'));
        } catch {
          socket.close(1003, 'not JSON');
          return;
        }
        if (!client) {
          const hello = Hello.safeParse(message);
          if (!hello.success) return socket.close(1008, 'hello expected');
          if (!sameSecret(hello.data.secret, secret)) return socket.close(1008, 'not a page of this host');
          client = await clientFor(hello.data.clientId, hello.data.locale);
          if (client.evictTimer) clearTimeout(client.evictTimer);
          client.evictTimer = null;
          client.sockets.add(socket);
          socket.send(JSON.stringify({ type: 'ready' }));
          socket.send(JSON.stringify({ type: 'event', channel: 'event:connection', payload: client.core.events.connection }));
          return;
        }
        const invoke = Invoke.safeParse(message);
        if (!invoke.success) return socket.close(1008, 'invoke expected');
        const result = await client.core.dispatch(invoke.data.channel, invoke.data.payload);
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'result', id: invoke.data.id, result }));
      })();
    });
    socket.on('close', () => {
      if (!client) return;
      client.sockets.delete(socket);
      // No page left: keep the core a while (a reload reconnects), then forget it.
      if (client.sockets.size === 0 && !client.evictTimer) {
        const idle = client;
        idle.evictTimer = setTimeout(() => {
          if (idle.sockets.size > 0 || clients.get(idle.id) !== idle) return;
          idle.core.stop();
          void idle.core.media.clear().catch(() => undefined);
          clients.delete(idle.id);
        }, options.idleEvictMs ?? DEFAULT_IDLE_EVICT_MS);
        idle.evictTimer.unref();
      }
    });
  });

  app.addHook('onClose', async () => {
    for (const client of clients.values()) {
      if (client.evictTimer) clearTimeout(client.evictTimer);
      client.core.stop();
      await client.core.media.clear().catch(() => undefined);
    }
  });
  return app;
}
