/**
 * The database builds conversations as JSON for the events it writes itself (conversation_json_text
 * and conversation_json, migration 015); the API reads them through repo/conversations.ts. Both must give the same
 * shape and values, which shared/api/schemas.ts defines. Closes describe the conversation from the
 * row they locked (closeMany), or from the conversation when the event is read (the sweeper's,
 * migration 022): their events must equal what the API reads afterwards too.
 */
import { expect, it } from 'vitest';
import { Conversation } from '../../shared/api/schemas';
import { findConversation } from '../src/repo/conversations';
import { latestEventSeq, readEvents } from '../src/repo/events';
import { conversationOf, describeOnEachDatabase } from './harness';

describeOnEachDatabase('conversations built by the database', (h) => {
  it('equal what the API reads, for every conversation of the demo (open, waiting, bot, closed, with and without assignee)', async () => {
    // Plus one without an assignee (a customer writing first), whose preview holds every character
    // JSON must escape; Carla's demo conversation is closed.
    const admin = await h.login('admin@demo.test');
    const text = 'sem dono: "aspas", barra \\ e /, linha\nnova, tab\t, sino \u0007, \u00e7\u00e3o, 😀';
    await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5511955550001', text } });
    const { rows } = await h.server.db.query<{ id: string; j: unknown }>(
      `SELECT c.id, conversation_json(c, ct.name, ct.phone, u.name) AS j
       FROM conversations c JOIN contacts ct ON ct.id = c.contact_id LEFT JOIN users u ON u.id = c.assignee_id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.map((r) => (typeof r.j === 'string' ? JSON.parse(r.j) : r.j).lastMessage?.text)).toContain(text);
    for (const row of rows) {
      const fromSql = typeof row.j === 'string' ? JSON.parse(row.j) : row.j;
      expect(Conversation.parse(fromSql)).toEqual(fromSql);
      expect(fromSql, row.id).toEqual(await findConversation(h.server.db, row.id));
    }
  });

  it('close events equal what the API reads afterwards: an agent’s close, and the sweeper’s (with and without a ticket to create)', async () => {
    const admin = await h.login('admin@demo.test');
    // A customer writing first has no ticket: the close creates one, and the event must carry it.
    const stranger = (await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5511955550002', text: 'alguém? "oi" \\ fim\n' } })).body.conversation;
    expect(stranger.ticketId).toBeNull();
    const agent = await h.login('agent@demo.test');
    const byHand = await conversationOf(h, agent, 'Bruno Costa');
    const before = await latestEventSeq(h.server.db);
    expect((await h.api(`/api/v1/conversations/${byHand.id}/close`, { token: agent, method: 'POST' })).status).toBe(200);
    await h.api('/api/v1/sandbox/clock', { token: admin, body: { advanceSeconds: 25 * 3600 } });
    await h.server.sweeper.runOnce();
    // As clients get them: the sweeper's events name their conversation, put in when read.
    const closes = (await readEvents(h.server.db, before))
      .flatMap((e) => (e.body.type === 'conversation.updated' && e.body.conversation.state === 'closed' ? [e.body.conversation] : []));
    const ids = closes.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([byHand.id, stranger.id]));
    expect(new Set(ids).size).toBe(ids.length);
    for (const conversation of closes) {
      expect(Conversation.parse(conversation)).toEqual(conversation);
      expect(conversation, conversation.id).toEqual(await findConversation(h.server.db, conversation.id));
    }
    expect(closes.find((c) => c.id === stranger.id)?.ticketId).toEqual(expect.any(String));
  });
});
