/**
 * The sweeper finds due conversations through conversations.deadline_at (migration 007), an
 * indexed mirror of the one rule in shared/domain/deadline.ts, and closes each in the database
 * with the reason that rule gives for its state. This keeps them in step.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { conversationDeadline } from '../../shared/domain/deadline';
import { describeOnEachDatabase } from './harness';

describeOnEachDatabase('the deadline column', (h) => {
  it('holds exactly the deadline shared/domain/deadline.ts gives, for every state', async () => {
    const { rows } = await h.server.db.query<{ id: string }>(`SELECT id FROM contacts ORDER BY created_at LIMIT 1`);
    const contactId = rows[0]!.id;
    const window = '2026-12-01T10:00:00.000Z';
    const autoClose = '2026-12-01T12:00:00.000Z';
    for (const state of ['bot', 'waiting', 'open', 'closed'] as const) {
      for (const [w, a] of [[window, autoClose], [null, autoClose], [window, null], [null, null]] as const) {
        const id = randomUUID();
        // A contact has one session at most: the previous sample is closed first.
        await h.server.db.query(`UPDATE conversations SET state = 'closed' WHERE contact_id = $1 AND state <> 'closed'`, [contactId]);
        await h.server.db.query(
          `INSERT INTO conversations (id, contact_id, state, window_expires_at, auto_close_at, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, contactId, state, w, a, new Date()],
        );
        const stored = await h.server.db.query<{ deadline_at: Date | null }>('SELECT deadline_at FROM conversations WHERE id = $1', [id]);
        const expected = conversationDeadline({ state, windowExpiresAt: w, autoCloseAt: a })?.at ?? null;
        expect(stored.rows[0]!.deadline_at?.toISOString() ?? null, `${state} ${w} ${a}`).toBe(expected);
      }
    }
  });

  it('is what the sweeper closes by, each conversation with the reason shared/domain/deadline.ts gives for its state', async () => {
    const past = '2020-01-01T00:00:00.000Z';
    const samples: { id: string; state: 'bot' | 'waiting' | 'open' | 'closed' }[] = [];
    for (const state of ['bot', 'waiting', 'open', 'closed'] as const) {
      const contactId = randomUUID();
      const digits = `55119${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      await h.server.db.query(`INSERT INTO contacts (id, name, phone, whatsapp, wa_id, created_at) VALUES ($1, $2, $3, true, $4, $5)`, [
        contactId, `Prazo ${state}`, `+${digits}`, digits, new Date(),
      ]);
      const id = randomUUID();
      await h.server.db.query(
        `INSERT INTO conversations (id, contact_id, state, window_expires_at, auto_close_at, created_at) VALUES ($1, $2, $3, $4, $4, $5)`,
        [id, contactId, state, past, new Date()],
      );
      samples.push({ id, state });
    }
    await h.server.sweeper.runOnce();
    for (const { id, state } of samples) {
      const { rows } = await h.server.db.query<{ state: string; closed_reason: string | null }>('SELECT state, closed_reason FROM conversations WHERE id = $1', [id]);
      const reason = conversationDeadline({ state, windowExpiresAt: past, autoCloseAt: past })?.closeReason;
      expect(rows[0], state).toEqual(reason ? { state: 'closed', closed_reason: reason } : { state, closed_reason: null });
    }
  });
});
