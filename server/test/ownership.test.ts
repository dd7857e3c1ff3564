/** Issue 14: who has a conversation, who may write in it, inbox views, unread counts, a contact's history. */
import { expect, it } from 'vitest';
import { contactOf, conversationOf, describeOnEachDatabase, type Harness } from './harness';

const customer = (h: Harness, token: string, from: string, text: string) => h.api('/api/v1/sandbox/customer-messages', { token, body: { from, text } });
const say = (h: Harness, token: string, id: string, text: string) => h.api(`/api/v1/conversations/${id}/messages`, { token, body: { text } });
const assign = (h: Harness, token: string, id: string, assigneeId: string | null) =>
  h.api(`/api/v1/conversations/${id}/assign`, { token, body: { assigneeId } });
/** Signs in each demo user (`agent` for agent@demo.test), tokens in the same order. */
const logins = <T extends string[]>(h: Harness, ...users: T) =>
  Promise.all(users.map((u) => h.login(`${u}@demo.test`))) as Promise<{ [K in keyof T]: string }>;
const idOf = async (h: Harness, token: string) => (await h.api('/api/v1/me', { token })).body.id as string;

describeOnEachDatabase('ownership and the team inbox', (h) => {
  it('lets only the assignee write, close or send a template, and says who has it', async () => {
    const [ana, lucas, operator] = [await h.login('agent@demo.test'), await h.login('agent2@demo.test'), await h.login('operator@demo.test')];
    const bruno = await conversationOf(h, ana, 'Bruno Costa');
    expect(bruno.assignee.name).toBe('Ana Ribeiro');

    for (const [who, token] of [['second agent', lucas], ['operator', operator]] as const) {
      const write = await say(h, token, bruno.id, 'Posso ajudar?');
      expect(write.status, who).toBe(409);
      expect(write.body).toMatchObject({ code: 'CONVERSATION_ASSIGNED_TO_OTHER', assignee: { id: bruno.assignee.id, name: 'Ana Ribeiro' } });
      expect(write.body.detail).toContain('Ana Ribeiro');
      const close = await h.api(`/api/v1/conversations/${bruno.id}/close`, { token, body: {} });
      expect(close.body.code, who).toBe('CONVERSATION_ASSIGNED_TO_OTHER');
    }
    // Nothing of theirs reached the conversation.
    const messages = (await h.api(`/api/v1/conversations/${bruno.id}/messages`, { token: ana })).body.items;
    expect(messages.some((m: { text: string }) => m.text === 'Posso ajudar?')).toBe(false);

    // A template to a contact whose session someone else has is refused the same way.
    const templates = (await h.api('/api/v1/templates?q=welcome_back', { token: lucas })).body.items;
    const sent = await h.api('/api/v1/template-sends', {
      token: lucas,
      headers: { 'idempotency-key': crypto.randomUUID() },
      body: { contactId: bruno.contactId, templateId: templates[0].id, parameters: {}, maxWaitMinutes: 60 },
    });
    expect(sent.status).toBe(409);
    expect(sent.body.code).toBe('CONVERSATION_ASSIGNED_TO_OTHER');

    // The owner still writes.
    expect((await say(h, ana, bruno.id, 'Olá Bruno')).status).toBe(201);
  });

  it('lets an agent take an unassigned conversation, once, and operators transfer it; each change on the timeline', async () => {
    const [admin, ana, lucas, operator, supervisor] = await logins(h, 'admin', 'agent', 'agent2', 'operator', 'supervisor');
    const [anaId, lucasId, supervisorId] = [await idOf(h, ana), await idOf(h, lucas), await idOf(h, supervisor)];
    const created = await customer(h, admin, '+5511966660001', 'Bom dia, preciso de ajuda');
    const id = created.body.conversation.id;
    expect(created.body.conversation.assignee).toBeNull();

    // An agent cannot give it to someone else, even unassigned.
    expect((await assign(h, ana, id, lucasId)).body.code).toBe('ROLE_NOT_ALLOWED');
    const taken = await assign(h, lucas, id, lucasId);
    expect(taken.status).toBe(200);
    expect(taken.body.assignee).toEqual({ id: lucasId, name: 'Lucas Ferreira' });
    // Taking it again changes nothing; another agent is told who has it.
    expect((await assign(h, lucas, id, lucasId)).status).toBe(200);
    const late = await assign(h, ana, id, anaId);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'CONVERSATION_ASSIGNED_TO_OTHER', assignee: { name: 'Lucas Ferreira' } });

    // Operators (and supervisors) transfer; only to someone who can write to customers.
    expect((await assign(h, operator, id, supervisorId)).body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'assigneeId' }] });
    expect((await assign(h, operator, id, anaId)).body.assignee.name).toBe('Ana Ribeiro');
    expect((await say(h, lucas, id, 'Ainda aqui')).body.code).toBe('CONVERSATION_ASSIGNED_TO_OTHER');
    expect((await say(h, ana, id, 'Oi, sou a Ana')).status).toBe(201);
    expect((await assign(h, supervisor, id, null)).body.assignee).toBeNull();
    expect((await say(h, supervisor, id, 'x')).body.code).toBe('ROLE_NOT_ALLOWED');

    const timeline = (await h.api(`/api/v1/conversations/${id}/messages`, { token: ana })).body.items as {
      kind: string;
      assignment?: { assignee: { name: string } | null; by: { name: string } };
      text: string;
    }[];
    expect(timeline.filter((m) => m.kind === 'system').map((m) => [m.assignment?.by.name, m.assignment?.assignee?.name ?? null])).toEqual([
      ['Lucas Ferreira', 'Lucas Ferreira'],
      ['Otávio Pereira', 'Ana Ribeiro'],
      ['Sofia Martins', null],
    ]);
    // The inbox preview is still the last real message.
    const now = (await h.api(`/api/v1/conversations/${id}`, { token: ana })).body;
    expect(now.lastMessage).toMatchObject({ text: 'Oi, sou a Ana', direction: 'outbound' });

    // Each change went out as events: the system message and the conversation itself.
    const events = (
      await h.server.db.query<{ type: string; assignee: string | null }>(
        `SELECT type, payload->'conversation'->'assignee'->>'name' AS assignee FROM events
         WHERE payload->'conversation'->>'id' = $1 AND (type = 'conversation.updated' OR payload->'message'->>'kind' = 'system') ORDER BY seq`,
        [id],
      )
    ).rows;
    expect(events).toEqual([
      { type: 'message.created', assignee: 'Lucas Ferreira' },
      { type: 'conversation.updated', assignee: 'Lucas Ferreira' },
      { type: 'message.created', assignee: 'Ana Ribeiro' },
      { type: 'conversation.updated', assignee: 'Ana Ribeiro' },
      { type: 'message.created', assignee: null },
      { type: 'conversation.updated', assignee: null },
    ]);
  });

  it('gives an unassigned conversation to the agent who answers it', async () => {
    const [admin, lucas] = [await h.login('admin@demo.test'), await h.login('agent2@demo.test')];
    const id = (await customer(h, admin, '+5511966660002', 'Olá')).body.conversation.id;
    const answered = await say(h, lucas, id, 'Olá! Como posso ajudar?');
    expect(answered.status).toBe(201);
    expect(answered.body.conversation.assignee.name).toBe('Lucas Ferreira');
    const kinds = (await h.api(`/api/v1/conversations/${id}/messages`, { token: lucas })).body.items.map((m: { kind: string }) => m.kind);
    expect(kinds).toEqual(['text', 'system', 'text']);
  });

  it('lists views by role with counts and unread customer messages, per user', async () => {
    const [admin, ana, lucas, supervisor] = await logins(h, 'admin', 'agent', 'agent2', 'supervisor');
    const views = async (token: string) => (await h.api('/api/v1/conversations/views', { token })).body.items as { view: string; count: number; unread: number }[];
    const list = async (token: string, view: string) => (await h.api(`/api/v1/conversations?view=${view}`, { token })).body.items as {
      id: string;
      contact: { name: string };
      unreadCount: number;
      state: string;
    }[];

    expect((await views(ana)).map((v) => v.view)).toEqual(['mine', 'unassigned', 'waiting']);
    expect((await views(supervisor)).map((v) => v.view)).toEqual(['unassigned', 'waiting', 'all']);
    expect((await h.api('/api/v1/conversations?view=all', { token: ana })).body.code).toBe('ROLE_NOT_ALLOWED');

    // Gabriela's template is Ana's, waiting: in Ana's views, not in Lucas's.
    expect((await list(ana, 'waiting')).map((c) => c.contact.name)).toContain('Gabriela Rocha');
    expect((await list(lucas, 'waiting')).map((c) => c.contact.name)).not.toContain('Gabriela Rocha');
    expect((await list(ana, 'mine')).every((c) => c.state === 'open' || c.state === 'waiting')).toBe(true);

    const before = Object.fromEntries((await views(lucas)).map((v) => [v.view, v]));
    const id = (await customer(h, admin, '+5511966660003', 'Alguém aí?')).body.conversation.id;
    await customer(h, admin, '+5511966660003', 'Preciso de ajuda');
    const unassigned = await list(lucas, 'unassigned');
    expect(unassigned.find((c) => c.id === id)?.unreadCount).toBe(2);
    const after = Object.fromEntries((await views(lucas)).map((v) => [v.view, v]));
    expect(after.unassigned).toEqual({ view: 'unassigned', count: before.unassigned!.count + 1, unread: before.unassigned!.unread + 1 });

    // Read by Lucas: his count goes to 0, Ana's stays.
    expect((await h.api(`/api/v1/conversations/${id}/read`, { method: 'POST', token: lucas })).status).toBe(204);
    expect((await h.api(`/api/v1/conversations/${id}`, { token: lucas })).body.unreadCount).toBe(0);
    expect((await h.api(`/api/v1/conversations/${id}`, { token: ana })).body.unreadCount).toBe(2);
    expect(Object.fromEntries((await views(lucas)).map((v) => [v.view, v])).unassigned!.unread).toBe(before.unassigned!.unread);
    await customer(h, admin, '+5511966660003', 'Olá?');
    expect((await h.api(`/api/v1/conversations/${id}`, { token: lucas })).body.unreadCount).toBe(1);
    expect(Object.fromEntries((await views(lucas)).map((v) => [v.view, v])).unassigned!.unread).toBe(before.unassigned!.unread + 1);
    expect((await h.api('/api/v1/conversations/00000000-0000-4000-8000-000000000000/read', { method: 'POST', token: lucas })).status).toBe(404);
  });

  it('lists one row per contact in the whole-team view, and a contact’s history newest first', async () => {
    const [admin, ana] = [await h.login('admin@demo.test'), await h.login('agent@demo.test')];
    const from = '+5511966660004';
    const first = (await customer(h, admin, from, 'Primeira vez')).body.conversation;
    await say(h, ana, first.id, 'Resolvido');
    await h.api(`/api/v1/conversations/${first.id}/close`, { token: ana, body: {} });
    const second = (await customer(h, admin, from, 'Voltei')).body.conversation;

    const all = (await h.api(`/api/v1/conversations?view=all&q=${encodeURIComponent(from)}`, { token: admin })).body.items;
    expect(all.map((c: { id: string }) => c.id)).toEqual([second.id]);

    const contact = await contactOf(h, ana, second.contact.name);
    const history = await h.api(`/api/v1/contacts/${contact.id}/conversations`, { token: ana });
    expect(history.body.items.map((c: { id: string; state: string }) => [c.id, c.state])).toEqual([
      [second.id, 'open'],
      [first.id, 'closed'],
    ]);
    const page = await h.api(`/api/v1/contacts/${contact.id}/conversations?limit=1`, { token: ana });
    expect(page.body.nextCursor).toBe(second.id);
    const older = await h.api(`/api/v1/contacts/${contact.id}/conversations?limit=1&before=${page.body.nextCursor}`, { token: ana });
    expect(older.body.items.map((c: { id: string }) => c.id)).toEqual([first.id]);
    expect((await h.api(`/api/v1/contacts/${contact.id}/conversations?before=nope`, { token: ana })).status).toBe(400);
  });

  it('offers only active users who write to customers as assignees', async () => {
    const admin = await h.login('admin@demo.test');
    const names = (await h.api('/api/v1/assignees', { token: admin })).body.items.map((u: { name: string }) => u.name);
    expect(names).toEqual(expect.arrayContaining(['Ana Ribeiro', 'Lucas Ferreira', 'Otávio Pereira', 'Marta Alves']));
    expect(names).not.toContain('Sofia Martins');
  });
});

describeOnEachDatabase(
  'two agents take the same conversation at once',
  (h) => {
    it('gives it to exactly one; the other is told who', async () => {
      const [admin, ana, lucas] = [await h.login('admin@demo.test'), await h.login('agent@demo.test'), await h.login('agent2@demo.test')];
      const [anaId, lucasId] = [await idOf(h, ana), await idOf(h, lucas)];
      const other = await (await h.sibling()).listen(0);
      for (let round = 0; round < 5; round++) {
        const id = (await customer(h, admin, `+55119555500${round}0`, 'Oi')).body.conversation.id;
        const viaOther = (token: string, assigneeId: string) =>
          fetch(`${other}/api/v1/conversations/${id}/assign`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ assigneeId }),
          }).then(async (r) => ({ status: r.status, body: await r.json() }));
        const results = await Promise.all([assign(h, ana, id, anaId), viaOther(lucas, lucasId)]);
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        const winner = results.find((r) => r.status === 200)!.body.assignee;
        expect(results.find((r) => r.status === 409)!.body.assignee).toEqual(winner);
        const systemMessages = await h.server.db.query(`SELECT 1 FROM messages WHERE conversation_id = $1 AND kind = 'system'`, [id]);
        expect(systemMessages.rows).toHaveLength(1);
      }
    });
  },
  {},
  { onlyPostgres: true },
);
