/** Issue 14, desktop core: the team inbox channels reach the right server routes and answer in the contract's shapes. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopCore, type DesktopCore } from './core';
import { MemorySecureStore, MemoryStore, type Logger } from './ports';
import { C1, K1, OTHER, startFakeServer, USER_ID, type FakeServer } from './testing/fake-server';

const quiet: Logger = { warn: () => undefined, error: () => undefined };

describe('team inbox channels against a fake server', () => {
  let fake: FakeServer;
  let core: DesktopCore;

  beforeEach(async () => {
    fake = await startFakeServer();
    core = createDesktopCore({
      secureStore: new MemorySecureStore(),
      settingsStore: new MemoryStore(),
      defaultServerUrl: fake.url,
      appInfo: { version: '1.0.0', platform: 'linux', host: 'web', systemLocale: 'en' },
      emit: () => undefined,
      notify: () => undefined,
      log: quiet,
    });
    await core.dispatch('auth:login', { serverUrl: fake.url, email: 'agent@demo.test', password: 'demo-password' });
  });

  afterEach(async () => {
    core.stop();
    fake.dropStreams();
    await fake.close();
  });

  const lastCall = (path: string) => fake.calls.filter((c) => c.path === path).at(-1);

  it('lists a view with its search and gives the counts of every view', async () => {
    expect(await core.dispatch('conversations:list', { view: 'unassigned', q: 'bruno', limit: 20 })).toMatchObject({ ok: true });
    // (The core's deadline mirror lists conversations too: the one with a view is ours.)
    const listed = fake.calls.filter((c) => c.path === '/api/v1/conversations' && c.query.includes('view='));
    expect(listed.map((c) => new URLSearchParams(c.query))).toEqual([new URLSearchParams('view=unassigned&q=bruno&limit=20')]);
    const views = await core.dispatch('conversations:views', undefined);
    expect(views).toMatchObject({ ok: true, data: { items: [{ view: 'mine', count: 2, unread: 1 }, { view: 'unassigned' }, { view: 'waiting' }] } });
    // A view the contract does not know never leaves the app.
    expect(await core.dispatch('conversations:list', { view: 'everything' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('takes a conversation, and says who has it when someone else was first', async () => {
    const taken = await core.dispatch('conversations:assign', { id: C1, assigneeId: USER_ID });
    expect(taken).toMatchObject({ ok: true, data: { id: C1, assignee: { id: USER_ID } } });
    expect(lastCall(`/api/v1/conversations/${C1}/assign`)).toMatchObject({ method: 'POST', body: { assigneeId: USER_ID } });
    fake.inbox.holder = OTHER;
    const late = await core.dispatch('conversations:assign', { id: C1, assigneeId: USER_ID });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONVERSATION_ASSIGNED_TO_OTHER', status: 409, assignee: OTHER } });
    // Leaving it unassigned sends null, not an empty body.
    fake.inbox.holder = null;
    expect(await core.dispatch('conversations:assign', { id: C1, assigneeId: null })).toMatchObject({ ok: true, data: { assignee: null } });
    expect(lastCall(`/api/v1/conversations/${C1}/assign`)!.body).toEqual({ assigneeId: null });
    expect(await core.dispatch('conversations:assign', { id: 'c1', assigneeId: USER_ID })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('marks a conversation read (204 is null), and lists assignees and a contact’s history', async () => {
    expect(await core.dispatch('conversations:read', { id: C1 })).toEqual({ ok: true, data: null });
    expect(lastCall(`/api/v1/conversations/${C1}/read`)).toMatchObject({ method: 'POST' });
    const people = await core.dispatch('assignees:list', undefined);
    expect(people).toMatchObject({ ok: true, data: { items: [{ id: USER_ID }, { id: OTHER.id, name: 'Lucas Ferreira' }] } });
    const history = await core.dispatch('contacts:conversations', { contactId: K1, before: C1, limit: 5 });
    expect(history).toMatchObject({ ok: true, data: { items: [{ id: C1 }, { state: 'closed', closedReason: 'agent' }], nextCursor: null } });
    expect(new URLSearchParams(lastCall(`/api/v1/contacts/${K1}/conversations`)!.query)).toEqual(new URLSearchParams(`before=${C1}&limit=5`));
    // A contact that is not there is the server's 404, translated like any other.
    expect(await core.dispatch('contacts:conversations', { contactId: OTHER.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
