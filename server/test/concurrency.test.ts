/**
 * Many writers at the same moment for the same contact: customer messages, template sends and
 * closes. Every request succeeds or gets a deliberate refusal code; no customer message is lost
 * or doubled. PGlite runs one query at a time, so these races really happen only on PostgreSQL,
 * but both must give the same answers.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { contactOf, conversationOf, describeOnEachDatabase, type Harness } from './harness';

const write = (h: Harness, token: string, from: string, text: string, url?: string) =>
  url
    ? fetch(`${url}/api/v1/sandbox/customer-messages`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ from, text }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }))
    : h.api('/api/v1/sandbox/customer-messages', { token, body: { from, text } });

/** On PostgreSQL a second server instance on the same database (its own port), so the race crosses processes' pools; on PGlite the same server. */
async function secondInstance(h: Harness): Promise<string | undefined> {
  if (h.server.db.kind !== 'pg') return undefined;
  return (await h.sibling()).listen(0);
}

async function rowsOf(h: Harness, sql: string, params: unknown[]) {
  return (await h.server.db.query<Record<string, unknown>>(sql, params)).rows;
}

describeOnEachDatabase('concurrent writers on one contact', (h) => {
  it('stores 40 simultaneous messages from one new number: one contact, one conversation, every message once', async () => {
    const admin = await h.login('admin@demo.test');
    const from = '+5511977770001';
    const other = await secondInstance(h);
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => write(h, admin, from, `mensagem ${i}`, i % 2 ? other : undefined)));
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    const contacts = await rowsOf(h, 'SELECT id FROM contacts WHERE phone = $1', [from]);
    expect(contacts).toHaveLength(1);
    const conversations = await rowsOf(h, 'SELECT id, state FROM conversations WHERE contact_id = $1', [contacts[0]!.id]);
    expect(conversations).toEqual([{ id: expect.any(String), state: 'open' }]);
    const texts = (await rowsOf(h, 'SELECT text FROM messages WHERE conversation_id = $1', [conversations[0]!.id])).map((r) => r.text);
    expect(texts.sort()).toEqual(Array.from({ length: 40 }, (_, i) => `mensagem ${i}`).sort());
    expect(new Set(answers.map((a) => a.body.conversation.id))).toEqual(new Set([conversations[0]!.id]));
  });

  it('opens exactly one new conversation when 20 messages arrive at once from a contact whose last one is closed', async () => {
    const admin = await h.login('admin@demo.test');
    const agent = await h.login('agent@demo.test');
    const other = await secondInstance(h);
    // Carla's demo conversation is closed; then four more contacts whose conversation an agent closed.
    const phones = ['+5511999990002', '+5511977770101', '+5511977770102', '+5511977770103', '+5511977770104'];
    for (const phone of phones.slice(1)) {
      const first = await write(h, admin, phone, 'primeira');
      expect((await h.api(`/api/v1/conversations/${first.body.conversation.id}/close`, { token: agent, method: 'POST' })).status).toBe(200);
    }
    for (const phone of phones) {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => write(h, admin, phone, `voltei ${i}`, i % 2 ? other : undefined)));
      expect(answers.map((a) => a.status), phone).toEqual(Array(20).fill(201));
      const contact = answers[0]!.body.conversation.contactId;
      const active = await rowsOf(h, `SELECT id FROM conversations WHERE contact_id = $1 AND state <> 'closed'`, [contact]);
      expect(active, phone).toHaveLength(1);
      const stored = await rowsOf(h, `SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND text LIKE 'voltei %'`, [active[0]!.id]);
      expect(stored[0]!.n, phone).toBe(20);
    }
  });

  it('settles template sends racing customer messages: messages all stored, a send either starts the session or is refused with a code', async () => {
    const admin = await h.login('admin@demo.test');
    const agent = await h.login('agent@demo.test');
    const agent2 = await h.login('agent2@demo.test');
    const elena = await contactOf(h, agent, 'Elena Souza');
    const templates = await h.api('/api/v1/templates?q=welcome_back', { token: agent });
    const template = templates.body.items[0];
    const send = (token: string) =>
      h.api('/api/v1/template-sends', {
        token,
        headers: { 'idempotency-key': randomUUID() },
        body: { contactId: elena.id, templateId: template.id, parameters: {}, maxWaitMinutes: 60 },
      });
    const other = await secondInstance(h);
    const results = await Promise.all([
      send(agent),
      ...Array.from({ length: 10 }, (_, i) => write(h, admin, elena.phone, `oi ${i}`, i % 2 ? other : undefined)),
      send(agent2),
    ]);
    const sends = [results[0]!, results.at(-1)!];
    for (const s of sends) {
      expect([201, 409], JSON.stringify(s.body)).toContain(s.status);
      // Refused: the customer's session came first (nobody's yet), or the other agent's template did.
      if (s.status === 409) expect(['CONTACT_HAS_OPEN_SESSION', 'CONVERSATION_ASSIGNED_TO_OTHER']).toContain(s.body.code);
    }
    expect(results.slice(1, -1).map((r) => r.status)).toEqual(Array(10).fill(201));
    const active = await rowsOf(h, `SELECT id FROM conversations WHERE contact_id = $1 AND state <> 'closed'`, [elena.id]);
    expect(active).toHaveLength(1);
    const inbound = await rowsOf(
      h,
      `SELECT count(*)::int AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.contact_id = $1 AND m.direction = 'inbound'`,
      [elena.id],
    );
    expect(inbound[0]!.n).toBe(10);
  });

  it('lets an agent close while the customer writes: the close succeeds or is refused, and every message is kept', async () => {
    const admin = await h.login('admin@demo.test');
    const agent = await h.login('agent@demo.test');
    const bruno = await conversationOf(h, agent, 'Bruno Costa');
    const results = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => write(h, admin, bruno.contact.phone, `ainda aqui ${i}`)),
      h.api(`/api/v1/conversations/${bruno.id}/close`, { token: agent, method: 'POST' }),
      h.api(`/api/v1/conversations/${bruno.id}/close`, { token: agent, method: 'POST' }),
    ]);
    expect(results.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(201));
    const closes = results.slice(10);
    expect(closes.filter((c) => c.status === 200)).toHaveLength(1);
    expect(closes.filter((c) => c.status === 409).map((c) => c.body.code)).toEqual(['CONVERSATION_CLOSED']);
    const kept = await rowsOf(
      h,
      `SELECT count(*)::int AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.contact_id = $1 AND m.text LIKE 'ainda aqui %'`,
      [bruno.contact.id],
    );
    expect(kept[0]!.n).toBe(10);
    expect(await rowsOf(h, `SELECT id FROM conversations WHERE contact_id = $1 AND state <> 'closed'`, [bruno.contact.id])).toHaveLength(
      // Messages after the close open a new session; messages before it only joined the old one.
      results.slice(0, 10).some((r) => r.body.conversation.id !== bruno.id) ? 1 : 0,
    );
  });

  it('stores a customer message whatever characters it holds (NUL removed, never refused)', async () => {
    const admin = await h.login('admin@demo.test');
    const answer = await write(h, admin, '+5511977770002', 'antes\u0000depois');
    expect(answer.status).toBe(201);
    expect(answer.body.message.text).toBe('antesdepois');
  });
});
