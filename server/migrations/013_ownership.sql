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

CREATE OR REPLACE FUNCTION conversations_last_message() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  UPDATE conversations c SET lm_text = n.text, lm_direction = n.direction, lm_kind = n.kind, lm_created_at = n.created_at
  FROM (SELECT DISTINCT ON (conversation_id) conversation_id, text, direction, kind, created_at FROM new_messages
        WHERE NOT (kind = 'system' AND COALESCE(content ? 'assignment', false))
        ORDER BY conversation_id, created_at DESC, seq DESC) n
  WHERE c.id = n.conversation_id AND (c.lm_created_at IS NULL OR n.created_at >= c.lm_created_at)
    AND (c.lm_text, c.lm_direction, c.lm_kind, c.lm_created_at) IS DISTINCT FROM (n.text, n.direction, n.kind, n.created_at); RETURN NULL; END $$;
