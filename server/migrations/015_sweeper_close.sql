-- Closing at database speed (issue 11): the sweeper claims, closes, files tickets and writes the
-- close events of a batch in one statement (server/src/repo/conversations.ts).

-- 1. A conversation as the API gives it (shared/api/schemas.ts Conversation), as JSON text put
--    together piece by piece: about half the work of jsonb_build_object, which builds each nested
--    object, then takes it apart and builds it again inside the object around it. A close event
--    stores the text as it is (3.). conversation_json keeps its signature and its value for
--    whoever calls it (ingest_customer_messages), now from this one definition of the shape;
--    server/test/conversation-json.test.ts keeps both equal to what the API reads.
--    Its pieces: a JSON string or null, of any text, escaped (json_text), or of text that never
--    needs escaping (uuids, ISO times, the words a check constraint allows), quoted (json_quoted).
CREATE FUNCTION json_text(value text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE(to_json(value)::text, 'null')
$$;
CREATE FUNCTION json_quoted(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT COALESCE('"' || value || '"', 'null')
$$;
CREATE FUNCTION conversation_json_text(c conversations, contact_name text, contact_phone text, assignee_name text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '{"id":"' || c.id || '","contactId":"' || c.contact_id || '","ticketId":' || json_quoted(c.ticket_id::text)
    || ',"channel":"whatsapp","state":' || json_quoted(c.state) || ',"assigneeId":' || json_quoted(c.assignee_id::text)
    || ',"windowExpiresAt":' || json_quoted(iso_ms(c.window_expires_at)) || ',"autoCloseAt":' || json_quoted(iso_ms(c.auto_close_at))
    || ',"closedReason":' || json_quoted(c.closed_reason) || ',"closedAt":' || json_quoted(iso_ms(c.closed_at))
    || ',"lastMessageAt":' || json_quoted(iso_ms(c.last_message_at)) || ',"createdAt":' || json_quoted(iso_ms(c.created_at))
    || ',"contact":{"id":"' || c.contact_id || '","name":' || json_text(contact_name) || ',"phone":' || json_text(contact_phone) || '}'
    || ',"assignee":' || CASE WHEN c.assignee_id IS NULL THEN 'null'
      ELSE '{"id":"' || c.assignee_id || '","name":' || json_text(COALESCE(assignee_name, '')) || '}' END
    || ',"lastMessage":' || CASE WHEN c.lm_text IS NOT NULL AND c.lm_direction IS NOT NULL AND c.lm_kind IS NOT NULL AND c.lm_created_at IS NOT NULL
      THEN '{"text":' || json_text(c.lm_text) || ',"direction":' || json_text(c.lm_direction) || ',"kind":' || json_text(c.lm_kind)
        || ',"createdAt":' || json_quoted(iso_ms(c.lm_created_at)) || '}'
      ELSE 'null' END
    || '}'
$$;
CREATE OR REPLACE FUNCTION conversation_json(c conversations, contact_name text, contact_phone text, assignee_name text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT conversation_json_text(c, contact_name, contact_phone, assignee_name)::jsonb
$$;

-- 2. Every close touches its ticket's updated_at, which no index holds: with room left on each
--    page the new row version stays on its page (a HOT update, no index entries to add).
ALTER TABLE tickets SET (fillfactor = 80);

-- 3. The event log holds JSON text (json, no longer jsonb). Events are written once, read whole
--    and sent on as text, never searched: jsonb parsed every payload on the way in and printed it
--    again on every read. A jsonb value written here (ingest_customer_messages) is stored as its
--    text; json keeps the keys in the order they were written.
ALTER TABLE events ALTER COLUMN payload TYPE json;
