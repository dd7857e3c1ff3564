import { beforeEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '../../../shared/api/events';
import type { Conversation, User } from '../../../shared/api/schemas';
import type { DesktopNotification } from '../../../shared/ipc/notifications';
import { DEFAULT_SETTINGS } from '../../../shared/ipc/settings';
import type { ApiClient } from '../api/client';
import { FakeTimers } from '../testing/fake-timers';
import { ServerClock } from './clock';
import { DeadlineMirror } from './mirror';
import { NotificationPolicy } from './policy';

const T0 = Date.parse('2026-11-25T12:00:00.000Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const AGENT: User = { id: 'u1', name: 'Ana Ribeiro', email: 'agent@demo.test', role: 'agent' };
const SUPERVISOR: User = { id: 'u9', name: 'Sofia Martins', email: 'supervisor@demo.test', role: 'supervisor' };

function conversation(id: string, name: string, patch: Partial<Conversation>): Conversation {
  return {
    id, contactId: `k-${id}`, ticketId: `t-${id}`, channel: 'whatsapp', state: 'open', assigneeId: AGENT.id,
    windowExpiresAt: null, autoCloseAt: null, lastMessageAt: iso(T0), createdAt: iso(T0),
    contact: { id: `k-${id}`, name, phone: null }, assignee: { id: AGENT.id, name: AGENT.name }, lastMessage: null, ...patch,
  };
}

describe('deadline mirror', () => {
  let timers: FakeTimers;
  let shown: DesktopNotification[];
  let mine: Conversation[];
  let requests: string[];
  let user: User;
  let mirror: DeadlineMirror;
  let serverNow: number;

  const client = {
    get: async (path: string) => {
      requests.push(path);
      if (path === '/conversations') return { items: mine, nextCursor: null, serverTime: iso(serverNow) };
      if (path === '/supervisor/expiring') {
        return {
          serverTime: iso(serverNow),
          items: mine.map((c) => ({
            conversationId: c.id, state: c.state, contact: c.contact, agent: c.assignee,
            kind: c.state === 'open' ? 'window' : 'auto_close', deadline: c.state === 'open' ? c.windowExpiresAt : c.autoCloseAt, secondsLeft: 0,
          })),
        };
      }
      if (path.startsWith('/tickets/')) return { number: 1002 };
      throw new Error(`unexpected ${path}`);
    },
  } as unknown as ApiClient;

  const event = (type: 'conversation.updated' | 'message.created', c: Conversation, direction: 'inbound' | 'outbound' = 'inbound'): ServerEvent =>
    (type === 'conversation.updated'
      ? { type, id: '1', serverTime: iso(serverNow), conversation: c }
      : { type, id: '2', serverTime: iso(serverNow), conversation: c, message: { id: `m-${c.id}`, conversationId: c.id, direction, kind: 'text', text: 'Oi', status: 'received', createdAt: iso(serverNow) } }) as ServerEvent;

  beforeEach(() => {
    timers = new FakeTimers(T0);
    serverNow = T0;
    shown = [];
    requests = [];
    user = AGENT;
    const clock = new ServerClock(timers);
    const settings = () => ({ ...DEFAULT_SETTINGS, serverUrl: 'http://x' });
    const policy = new NotificationPolicy({ timers, clock, settings, language: () => 'en', show: (n) => shown.push(n), minutesOfDay: () => 600 });
    mirror = new DeadlineMirror({ timers, clock, policy, settings, signedIn: () => ({ user, client }), log: { warn: () => undefined, error: () => undefined } });
    mine = [
      conversation('bruno', 'Bruno Costa', { state: 'open', windowExpiresAt: iso(T0 + 22 * 60 * MIN) }),
      conversation('gabriela', 'Gabriela Rocha', { state: 'waiting', autoCloseAt: iso(T0 + 23 * 60 * MIN) }),
    ];
  });

  it("tells the agent a customer replied to a waiting template, once, and follows the new window", async () => {
    await mirror.resync();
    expect(requests).toEqual(['/conversations']);
    const replied = conversation('gabriela', 'Gabriela Rocha', { state: 'open', windowExpiresAt: iso(T0 + 24 * 60 * MIN) });
    mirror.onServerEvent(event('message.created', replied));
    mirror.onServerEvent(event('message.created', replied)); // the same event after a resume
    expect(shown.map((n) => [n.kind, n.title, n.conversationId])).toEqual([['customer_replied', 'Gabriela Rocha replied', 'gabriela']]);
    expect(mirror.engine.get('gabriela')).toMatchObject({ kind: 'window', at: T0 + 24 * 60 * MIN });
  });

  it('announces an auto-close with its ticket number, and drops the closed deadline', async () => {
    await mirror.resync();
    mirror.onServerEvent(event('conversation.updated', conversation('gabriela', 'Gabriela Rocha', { state: 'closed', closedReason: 'no_reply' })));
    await new Promise((r) => setImmediate(r));
    expect(shown.map((n) => [n.kind, n.body])).toEqual([['auto_closed', 'No reply in time. Its history was attached to ticket #1002.']]);
    expect(mirror.engine.get('gabriela')).toBeUndefined();
  });

  it('does not notify twice when a reconnect re-reads the deadlines', async () => {
    mine = [conversation('bruno', 'Bruno Costa', { state: 'open', windowExpiresAt: iso(T0 + 10 * MIN) })];
    await mirror.resync();
    await mirror.resync();
    expect(shown.map((n) => n.body)).toEqual(['The 24-hour window closes in 10 min. After that only a template can restart it.']);
  });

  /** The agent sends Hugo a template now, waiting `minutes` for the reply; then `minutes` pass. */
  async function sendWithWait(minutes: number) {
    mine = [];
    await mirror.resync();
    mirror.onServerEvent(event('conversation.updated', conversation('hugo', 'Hugo Lima', { state: 'waiting', createdAt: iso(T0), autoCloseAt: iso(T0 + minutes * MIN) })));
    const atSend = shown.map((n) => n.body);
    timers.advance(minutes * MIN);
    return { atSend, later: shown.map((n) => n.body).slice(atSend.length) };
  }

  it('says nothing when a template is sent with a 5-minute wait, and nothing at the lead times it started inside', async () => {
    expect(await sendWithWait(5)).toEqual({ atSend: [], later: [] });
  });

  it('warns of a 20-minute wait at 15 and 5 minutes left, not when it is sent', async () => {
    expect(await sendWithWait(20)).toEqual({ atSend: [], later: [expect.stringContaining('15 min'), expect.stringContaining('5 min')] });
  });

  it("ignores other agents' conversations for an agent, but follows the whole team for a supervisor", async () => {
    const other = conversation('x', 'Elena Souza', { state: 'waiting', autoCloseAt: iso(T0 + 30 * MIN), assigneeId: 'u2', assignee: { id: 'u2', name: 'Lucas Ferreira' } });
    await mirror.resync();
    mirror.onServerEvent(event('conversation.updated', other));
    expect(shown).toEqual([]);

    user = SUPERVISOR;
    mirror.stop();
    mine = [...mine, other];
    await mirror.resync();
    expect(requests.at(-1)).toBe('/supervisor/expiring');
    expect(shown.map((n) => [n.kind, n.title, n.body])).toEqual([
      ['supervisor_expiring', 'A session expires soon', 'Most urgent: Elena Souza (Lucas Ferreira), closes without reply in 30 min.'],
    ]);
  });

  it('fires at once when the server clock jumps (sandbox clock moved 22 h 30 min)', async () => {
    user = SUPERVISOR;
    await mirror.resync();
    expect(shown).toEqual([]);
    serverNow = T0 + (22 * 60 + 30) * MIN;
    mirror.onServerEvent(event('conversation.updated', conversation('bruno', 'Bruno Costa', { state: 'closed', closedReason: 'window_expired' })));
    expect(shown.map((n) => [n.title, n.body])).toEqual([['A session expires soon', 'Most urgent: Gabriela Rocha (Ana Ribeiro), closes without reply in 30 min.']]);
  });
});
