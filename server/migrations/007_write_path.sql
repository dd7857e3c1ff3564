-- Production write path (issue 11).
-- 1. The inbox list reads its last-message preview from the conversation row (no per-row lookup
--    into messages), kept current by one statement-level trigger for every insert into messages,
--    whoever inserts (a batch of customer messages, an agent, a template send, the demo data).
ALTER TABLE conversations ADD COLUMN lm_text text;
ALTER TABLE conversations ADD COLUMN lm_direction text;
ALTER TABLE conversations ADD COLUMN lm_kind text;
ALTER TABLE conversations ADD COLUMN lm_created_at timestamptz;
UPDATE conversations c SET lm_text = m.text, lm_direction = m.direction, lm_kind = m.kind, lm_created_at = m.created_at
FROM (SELECT DISTINCT ON (conversation_id) conversation_id, text, direction, kind, created_at FROM messages
      ORDER BY conversation_id, created_at DESC, seq DESC) m
WHERE c.id = m.conversation_id;
CREATE FUNCTION conversations_last_message() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  UPDATE conversations c SET lm_text = n.text, lm_direction = n.direction, lm_kind = n.kind, lm_created_at = n.created_at
  FROM (SELECT DISTINCT ON (conversation_id) conversation_id, text, direction, kind, created_at FROM new_messages
        ORDER BY conversation_id, created_at DESC, seq DESC) n
  WHERE c.id = n.conversation_id AND (c.lm_created_at IS NULL OR n.created_at >= c.lm_created_at)
    AND (c.lm_text, c.lm_direction, c.lm_kind, c.lm_created_at) IS DISTINCT FROM (n.text, n.direction, n.kind, n.created_at); RETURN NULL; END $$;
CREATE TRIGGER messages_last_message AFTER INSERT ON messages REFERENCING NEW TABLE AS new_messages
  FOR EACH STATEMENT EXECUTE FUNCTION conversations_last_message();
-- 2. The inbox orders by last activity: one sortable column and an index that matches the query,
--    so a page is an index range scan whatever the number of conversations.
ALTER TABLE conversations ADD COLUMN sort_at timestamptz GENERATED ALWAYS AS (COALESCE(last_message_at, '-infinity'::timestamptz)) STORED;
DROP INDEX conversations_recent;
CREATE INDEX conversations_recent ON conversations (sort_at DESC, id DESC);
-- 3. The deadline that applies to a conversation (shared/domain/deadline.ts is the rule; this
--    column mirrors it for the sweeper's index and a test keeps the two in step).
ALTER TABLE conversations ADD COLUMN deadline_at timestamptz GENERATED ALWAYS AS (
  CASE state WHEN 'open' THEN window_expires_at WHEN 'waiting' THEN auto_close_at END) STORED;
CREATE INDEX conversations_deadline ON conversations (deadline_at) WHERE deadline_at IS NOT NULL;
DROP INDEX conversations_auto_close_due;
DROP INDEX conversations_window_due;
-- 4. A webhook item that keeps failing is parked ('dead') for administrators to see and replay.
ALTER TABLE webhook_items ADD COLUMN failed_at timestamptz;
CREATE INDEX webhook_items_dead ON webhook_items (failed_at DESC, id DESC) WHERE state = 'dead';
