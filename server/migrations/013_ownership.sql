-- Agent workflow (issue 14): who read what, assignment changes on the chat timeline, history.

-- 1. Read marks: a user's unreadCount on a conversation is the number of customer messages after
--    their mark (all of them when they never opened it).
CREATE TABLE conversation_reads (
  user_id uuid NOT NULL REFERENCES users(id),
  conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  read_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, conversation_id)
);

-- 2. A contact's conversations newest first (history, and "the latest one per contact").
CREATE INDEX conversations_contact_recent ON conversations (contact_id, created_at DESC, id DESC);

-- 3. An assignment change is a system message of the conversation, content {assignment: {assignee:
--    {id, name} | null, by: {id, name}}} (shared/api/schemas.ts AssignmentChange). message_json
--    gives it as `assignment`; the inbox preview and the activity time ignore it.
CREATE OR REPLACE FUNCTION message_json(m messages, author_name text, attachments jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', m.id, 'conversationId', m.conversation_id, 'direction', m.direction, 'kind', m.kind,
    'template', CASE WHEN m.template_name IS NULL THEN NULL ELSE jsonb_build_object('name', m.template_name, 'language', COALESCE(m.template_language, '')) END,
    'text', m.text, 'status', m.status,
    'error', CASE WHEN m.error_code IS NULL THEN NULL ELSE jsonb_strip_nulls(jsonb_build_object(
      'code', m.error_code, 'message', COALESCE(m.error_message, ''), 'title', m.error_title, 'details', m.error_details)) END,
    'author', CASE WHEN m.author_id IS NULL THEN NULL ELSE jsonb_build_object('id', m.author_id, 'name', COALESCE(author_name, '')) END,
    'createdAt', iso_ms(m.created_at),
    'attachments', attachments, 'reactions', m.reactions, 'replyToId', m.reply_to_id, 'editedAt', iso_ms(m.edited_at),
    'location', m.content->'location', 'contacts', m.content->'contacts', 'interactive', m.content->'interactive', 'order', m.content->'order',
    'assignment', m.content->'assignment')
$$;

-- 4. The time of a conversation's latest customer message, so "has unread" is a comparison with
--    the reader's mark (tab counts over thousands of conversations), kept by the same trigger that
--    keeps the preview, whoever inserts.
ALTER TABLE conversations ADD COLUMN last_inbound_at timestamptz;
UPDATE conversations c SET last_inbound_at = m.at
FROM (SELECT conversation_id, max(created_at) AS at FROM messages WHERE direction = 'inbound' GROUP BY conversation_id) m
WHERE c.id = m.conversation_id;
CREATE INDEX conversations_active_assignee ON conversations (assignee_id) WHERE state <> 'closed';

CREATE OR REPLACE FUNCTION conversations_last_message() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  UPDATE conversations c SET
    lm_text = CASE WHEN n.newer THEN n.text ELSE c.lm_text END,
    lm_direction = CASE WHEN n.newer THEN n.direction ELSE c.lm_direction END,
    lm_kind = CASE WHEN n.newer THEN n.kind ELSE c.lm_kind END,
    lm_created_at = CASE WHEN n.newer THEN n.lm_at ELSE c.lm_created_at END,
    last_inbound_at = GREATEST(c.last_inbound_at, n.inbound_at)
  FROM (
    SELECT i.conversation_id, l.text, l.direction, l.kind, l.created_at AS lm_at, i.inbound_at,
      l.created_at IS NOT NULL AND (x.lm_created_at IS NULL OR l.created_at >= x.lm_created_at)
        AND (x.lm_text, x.lm_direction, x.lm_kind, x.lm_created_at) IS DISTINCT FROM (l.text, l.direction, l.kind, l.created_at) AS newer
    FROM (SELECT conversation_id, max(created_at) FILTER (WHERE direction = 'inbound') AS inbound_at FROM new_messages GROUP BY conversation_id) i
    JOIN conversations x ON x.id = i.conversation_id
    LEFT JOIN (SELECT DISTINCT ON (conversation_id) conversation_id, text, direction, kind, created_at FROM new_messages
               WHERE NOT (kind = 'system' AND COALESCE(content ? 'assignment', false))
               ORDER BY conversation_id, created_at DESC, seq DESC) l ON l.conversation_id = i.conversation_id
  ) n
  WHERE c.id = n.conversation_id
    AND (n.newer OR (n.inbound_at IS NOT NULL AND (c.last_inbound_at IS NULL OR n.inbound_at > c.last_inbound_at)));
  RETURN NULL; END $$;
