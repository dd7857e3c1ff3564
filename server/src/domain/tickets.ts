import { randomUUID } from 'node:crypto';
import type { ClosedReason } from '../../../shared/api/schemas';
import type { Queryable } from '../db/db';
import { listMessages } from '../repo/messages';

/** The conversation's linked ticket, creating one when it has none (every conversation has one). */
export async function ensureTicket(tx: Queryable, conversationId: string, subject: string, now: Date): Promise<string> {
  const { rows } = await tx.query<{ ticket_id: string | null; contact_id: string; assignee_id: string | null }>(
    'SELECT ticket_id, contact_id, assignee_id FROM conversations WHERE id = $1',
    [conversationId],
  );
  const row = rows[0]!;
  if (row.ticket_id) return row.ticket_id;
  const ticketId = randomUUID();
  await tx.query(
    `INSERT INTO tickets (id, subject, status, contact_id, assignee_id, created_at, updated_at) VALUES ($1, $2, 'open', $3, $4, $5, $5)`,
    [ticketId, subject, row.contact_id, row.assignee_id, now],
  );
  await tx.query('UPDATE conversations SET ticket_id = $2 WHERE id = $1', [conversationId, ticketId]);
  return ticketId;
}

/** Attaches the whole conversation to its ticket as a chat action: transcript, reason, who closed it. */
export async function attachChatAction(
  tx: Queryable,
  input: { conversationId: string; ticketId: string; reason: ClosedReason; closedBy: { id: string; name: string } | null; now: Date },
): Promise<void> {
  const transcript = (await listMessages(tx, input.conversationId, 10_000)).map((m) => ({
    direction: m.direction,
    kind: m.kind,
    template: m.template ?? null,
    author: m.author?.name ?? null,
    text: m.text,
    status: m.status,
    createdAt: m.createdAt,
  }));
  await tx.query(
    `INSERT INTO ticket_timeline (id, ticket_id, kind, author_id, body, created_at) VALUES ($1, $2, 'chat_action', $3, $4, $5)`,
    [
      randomUUID(),
      input.ticketId,
      input.closedBy?.id ?? null,
      JSON.stringify({
        conversationId: input.conversationId,
        closedReason: input.reason,
        closedBy: input.closedBy ? { type: 'user', ...input.closedBy } : { type: 'system' },
        closedAt: input.now.toISOString(),
        transcript,
      }),
      input.now,
    ],
  );
  await tx.query('UPDATE tickets SET updated_at = $2 WHERE id = $1', [input.ticketId, input.now]);
}
