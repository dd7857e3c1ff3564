import { WINDOW_MS } from '../../../shared/domain/window';
import type { Queryable } from '../db/db';

/**
 * Counts billable interactions when customer messages open 24-hour windows: one unit per 24 hours
 * from its opening, per conversation (none when one opened less than 24 hours before `at`).
 * `answeredTemplate`: the conversation was waiting for a reply to a template, whose category then
 * prices it; otherwise it is SERVICE. The agent is the conversation's assignee. One statement.
 */
export async function recordInteractions(db: Queryable, list: { conversationId: string; at: Date; answeredTemplate: boolean }[]): Promise<void> {
  if (!list.length) return;
  await db.query(
    `INSERT INTO interactions (id, conversation_id, agent_id, category, opened_at)
     SELECT gen_random_uuid(), c.id, c.assignee_id, COALESCE(tc.category, 'SERVICE'), v.at
     FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[]) AS v(cid, at, answered)
     JOIN conversations c ON c.id = v.cid
     LEFT JOIN LATERAL (
       SELECT t.category FROM messages m JOIN templates t ON t.name = m.template_name AND t.language = m.template_language
       WHERE v.answered AND m.conversation_id = v.cid AND m.kind = 'template' ORDER BY m.created_at DESC, m.seq DESC LIMIT 1
     ) tc ON true
     WHERE NOT EXISTS (
       SELECT 1 FROM interactions i WHERE i.conversation_id = v.cid AND i.opened_at > v.at - make_interval(secs => $4::double precision / 1000))`,
    [list.map((i) => i.conversationId), list.map((i) => i.at), list.map((i) => i.answeredTemplate), WINDOW_MS],
  );
}
