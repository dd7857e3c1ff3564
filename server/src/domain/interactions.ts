import { randomUUID } from 'node:crypto';
import { WINDOW_MS } from '../../../shared/domain/window';
import type { Queryable } from '../db/db';

/**
 * Counts a billable interaction when a customer message opens a 24-hour window: one unit per 24
 * hours from its opening, per conversation. `answeredTemplate`: the conversation was waiting for
 * a reply to a template, whose category then prices it; otherwise it is a SERVICE interaction.
 */
export async function recordInteraction(tx: Queryable, conversationId: string, at: Date, answeredTemplate: boolean): Promise<void> {
  const recent = await tx.query('SELECT 1 FROM interactions WHERE conversation_id = $1 AND opened_at > $2 LIMIT 1', [
    conversationId,
    new Date(at.getTime() - WINDOW_MS),
  ]);
  if (recent.rows.length) return;
  let category = 'SERVICE';
  if (answeredTemplate) {
    const { rows } = await tx.query<{ category: string }>(
      `SELECT t.category FROM messages m JOIN templates t ON t.name = m.template_name AND t.language = m.template_language
       WHERE m.conversation_id = $1 AND m.kind = 'template' ORDER BY m.created_at DESC, m.seq DESC LIMIT 1`,
      [conversationId],
    );
    category = rows[0]?.category ?? 'SERVICE';
  }
  await tx.query(
    `INSERT INTO interactions (id, conversation_id, agent_id, category, opened_at)
     SELECT $1, id, assignee_id, $3, $4 FROM conversations WHERE id = $2`,
    [randomUUID(), conversationId, category, at],
  );
}
