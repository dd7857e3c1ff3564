/**
 * Customer messages of a batch, stored by ONE statement: the database function
 * ingest_customer_messages (migrations 008, 009, 016 and 017, where its rules are written down) finds or creates the
 * contacts, locks them, locks their sessions, starts or updates the sessions, counts the billable
 * interactions, stores the messages and writes their message.created events. One round trip per
 * batch, inside the caller's transaction or as a transaction of its own.
 */
import type { Conversation, Message } from '../../../shared/api/schemas';
import { WINDOW_MS } from '../../../shared/domain/window';
import type { Queryable } from '../db/db';
import { phoneVariants } from '../domain/phone';
import type { InboundContent } from '../domain/ingest';
import { storable, storableJson } from './rows';

export interface InboundInput {
  phone: string;
  text: string;
  /** When the customer wrote; later than now counts as now. */
  at: Date | null;
  providerMessageId: string | null;
  profileName: string | null;
  /** The id the message gets if it is stored. */
  messageId: string;
  /** Beyond plain text: kind, attachment, structured content (see migration 009). */
  content: InboundContent | null;
}

export interface StoredInbound {
  /** Index of the input. */
  index: number;
  seq: number;
  conversation: Conversation;
  message: Message;
}

export async function ingestCustomerMessages(db: Queryable, inputs: InboundInput[], now: Date, notify: boolean): Promise<StoredInbound[]> {
  const variants = inputs.map((i) => phoneVariants(i.phone));
  const { rows } = await db.query<{ out_n: number; out_seq: string; out_payload: string }>(
    'SELECT out_n, out_seq::text AS out_seq, out_payload FROM ingest_customer_messages($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb[], $10, $11, $12)',
    [
      variants.map((v) => v[0]!),
      variants.flatMap((v, i) => v.map(() => i + 1)),
      variants.flat(),
      inputs.map((i) => (i.profileName ? storable(i.profileName) : null)),
      inputs.map((i) => storable(i.text)),
      inputs.map((i) => (i.at && Number.isFinite(i.at.getTime()) ? i.at : null)),
      inputs.map((i) => i.providerMessageId),
      inputs.map((i) => i.messageId),
      inputs.map((i) => (i.content ? storableJson(i.content) : null)),
      now,
      WINDOW_MS,
      notify,
    ],
  );
  return rows.map((r) => {
    const payload = JSON.parse(r.out_payload) as { conversation: Conversation; message: Message };
    return { index: r.out_n - 1, seq: Number(r.out_seq), conversation: payload.conversation, message: payload.message };
  });
}
