import { eventChannels, invokeChannels } from '../../shared/ipc/contract';

/**
 * The browser side of the web host: a same-origin script that builds the same `window.api` as
 * the preload, over a WebSocket. Calls made before the socket opens wait for it; a dropped
 * socket reconnects. The client id (not a secret: tokens stay in the web host) keeps one core
 * per browser profile, across reloads.
 */
/** Carries the client id to the same-origin media route (`<img src>` cannot send a header). */
export const CLIENT_COOKIE = 'zapdesk_client';
/** The page's meta tag that carries the host's per-start secret, which the socket requires. */
export const SECRET_META = 'zapdesk-webhost-secret';

export function bridgeScript(): string {
  const invoke = JSON.stringify(Object.keys(invokeChannels));
  const events = JSON.stringify(Object.keys(eventChannels));
  return `(() => {
  'use strict';
  const INVOKE = ${invoke};
  const EVENTS = ${events};
  const KEY = 'zapdesk.webhost.clientId';
  const SECRET = (document.querySelector('meta[name="${SECRET_META}"]') || {}).content || '';
  let clientId = localStorage.getItem(KEY);
  if (!clientId) { clientId = crypto.randomUUID(); localStorage.setItem(KEY, clientId); }
  document.cookie = '${CLIENT_COOKIE}=' + clientId + '; path=/media/; SameSite=Strict';
  const pending = new Map();
  const listeners = new Map(EVENTS.map((c) => [c, new Set()]));
  let socket = null; let ready = null; let nextId = 1;
  function connect() {
    ready = new Promise((resolve) => {
      const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/bridge';
      socket = new WebSocket(url);
      socket.addEventListener('open', () => {
        socket.send(JSON.stringify({ type: 'hello', clientId, locale: navigator.language, secret: SECRET }));
      });
      socket.addEventListener('message', (message) => {
        const data = JSON.parse(message.data);
        if (data.type === 'ready') resolve(socket);
        else if (data.type === 'result') { const p = pending.get(data.id); if (p) { pending.delete(data.id); p(data.result); } }
        else if (data.type === 'event') { for (const l of listeners.get(data.channel) || []) { try { l(data.payload); } catch (e) { console.error(e); } } }
      });
      socket.addEventListener('close', () => {
        for (const [id, p] of pending) { pending.delete(id); p({ ok: false, error: { code: 'NETWORK_ERROR', message: 'The web host connection closed.' } }); }
        setTimeout(connect, 1000);
      });
    });
  }
  connect();
  async function call(channel, input) {
    const ws = await ready;
    const id = nextId++;
    return new Promise((resolve) => { pending.set(id, resolve); ws.send(JSON.stringify({ type: 'invoke', id, channel, payload: input })); });
  }
  const api = { on: {} };
  for (const channel of INVOKE) {
    const [feature, action] = channel.split(':');
    api[feature] = api[feature] || {};
    api[feature][action] = (input) => call(channel, input);
  }
  for (const channel of EVENTS) {
    api.on[channel.slice('event:'.length)] = (listener) => { listeners.get(channel).add(listener); return () => listeners.get(channel).delete(listener); };
  }
  Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false, configurable: false });
})();
`;
}
