/**
 * The database builds conversations as JSON for the events it writes itself (conversation_json,
 * migration 008); the API reads them through repo/conversations.ts. Both must give the same
 * shape and values, which shared/api/schemas.ts defines.
 */
import { expect, it } from 'vitest';
import { Conversation } from '../../shared/api/schemas';
import { findConversation } from '../src/repo/conversations';
import { describeOnEachDatabase } from './harness';

describeOnEachDatabase('conversations built by the database', (h) => {
  it('equal what the API reads, for every conversation of the demo (open, waiting, bot, closed, with and without assignee)', async () => {
    // Plus one without an assignee (a customer writing first); Carla's demo conversation is closed.
    const admin = await h.login('admin@demo.test');
    await h.api('/api/v1/sandbox/customer-messages', { token: admin, body: { from: '+5511955550001', text: 'sem dono' } });
    const { rows } = await h.server.db.query<{ id: string; j: unknown }>(
      `SELECT c.id, conversation_json(c, ct.name, ct.phone, u.name) AS j
       FROM conversations c JOIN contacts ct ON ct.id = c.contact_id LEFT JOIN users u ON u.id = c.assignee_id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      const fromSql = typeof row.j === 'string' ? JSON.parse(row.j) : row.j;
      expect(Conversation.parse(fromSql)).toEqual(fromSql);
      expect(fromSql, row.id).toEqual(await findConversation(h.server.db, row.id));
    }
  });
});
