-- Customer messages in, their events written as JSON text (issue 11). The event log holds json
-- (migration 015), yet ingest_customer_messages built each message.created event as jsonb (the
-- conversation parsed back from its text, the message and the event built object by object), cast
-- it to json text to store it, and parsed the stored text back into jsonb to return it. Now the
-- event is put together as text once, stored as it is and returned as the same text.

-- 1. An attachment and a message as the API gives them (shared/api/attachments.ts Attachment,
--    shared/api/schemas.ts Message), as JSON text like conversation_json_text (migration 015).
--    attachment_json and message_json keep their signatures and values for whoever calls them
--    (every message the API reads), now from these one definitions of the shapes.
CREATE FUNCTION attachment_json_text(a attachments) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '{"id":"' || a.id || '","type":' || json_quoted(a.type) || ',"mimeType":' || json_text(a.mime_type)
    || ',"fileName":' || json_text(a.file_name) || ',"size":' || COALESCE(a.size::text, 'null')
    || ',"state":' || json_quoted(a.state) || ',"voice":' || a.voice::text || '}'
$$;
CREATE OR REPLACE FUNCTION attachment_json(a attachments) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT attachment_json_text(a)::jsonb
$$;

-- `attachments` is a JSON array as text; structured content (location, contacts, interactive,
-- order, assignment) is given as stored; an error leaves out a title or details it has not.
CREATE FUNCTION message_json_text(m messages, author_name text, attachments text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '{"id":"' || m.id || '","conversationId":"' || m.conversation_id || '","direction":' || json_quoted(m.direction)
    || ',"kind":' || json_quoted(m.kind)
    || ',"template":' || CASE WHEN m.template_name IS NULL THEN 'null'
      ELSE '{"name":' || json_text(m.template_name) || ',"language":' || json_text(COALESCE(m.template_language, '')) || '}' END
    || ',"text":' || json_text(m.text) || ',"status":' || json_quoted(m.status)
    || ',"error":' || CASE WHEN m.error_code IS NULL THEN 'null'
      ELSE '{"code":' || json_text(m.error_code) || ',"message":' || json_text(COALESCE(m.error_message, ''))
        || CASE WHEN m.error_title IS NULL THEN '' ELSE ',"title":' || json_text(m.error_title) END
        || CASE WHEN m.error_details IS NULL THEN '' ELSE ',"details":' || json_text(m.error_details) END || '}' END
    || ',"author":' || CASE WHEN m.author_id IS NULL THEN 'null'
      ELSE '{"id":"' || m.author_id || '","name":' || json_text(COALESCE(author_name, '')) || '}' END
    || ',"createdAt":' || json_quoted(iso_ms(m.created_at))
    || ',"attachments":' || COALESCE(attachments, 'null') || ',"reactions":' || m.reactions::text
    || ',"replyToId":' || json_quoted(m.reply_to_id::text) || ',"editedAt":' || json_quoted(iso_ms(m.edited_at))
    || ',"location":' || COALESCE((m.content->'location')::text, 'null')
    || ',"contacts":' || COALESCE((m.content->'contacts')::text, 'null')
    || ',"interactive":' || COALESCE((m.content->'interactive')::text, 'null')
    || ',"order":' || COALESCE((m.content->'order')::text, 'null')
    || ',"assignment":' || COALESCE((m.content->'assignment')::text, 'null')
    || '}'
$$;
CREATE OR REPLACE FUNCTION message_json(m messages, author_name text, attachments jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT message_json_text(m, author_name, attachments::text)::jsonb
$$;

-- 2. The ingest function: as migration 016, but each event is text from first to last, and the
--    payloads come back as that text (out_payload is text now, hence DROP and CREATE).
DROP FUNCTION ingest_customer_messages(text[], int[], text[], text[], text[], timestamptz[], text[], uuid[], jsonb[], timestamptz, bigint, boolean);
CREATE FUNCTION ingest_customer_messages(
  p_digits text[], p_variant_of int[], p_variants text[], p_names text[], p_texts text[], p_at timestamptz[],
  p_provider_ids text[], p_message_ids uuid[], p_contents jsonb[], p_now timestamptz, p_window_ms bigint, p_notify boolean
) RETURNS TABLE (out_n int, out_seq bigint, out_payload text) LANGUAGE plpgsql
-- A batch is small (at most a few hundred rows) against large tables: index lookups row by row are
-- right, and the planner, which cannot see the arrays' sizes, would otherwise hash whole tables.
-- (And no JIT: compiling the plan would cost more than running it.)
SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off SET jit = off
-- The messages trigger leaves alone what this function keeps itself (the preview and last_inbound_at).
SET zapdesk.keeps_preview = 'on'
AS $$
DECLARE
  v_contacts uuid[];
  v_n int[];
  v_seq bigint[];
  v_payload text[];
  v_window interval := p_window_ms * interval '1 millisecond';
BEGIN
  -- 1. Contacts.
  FOR attempt IN 1..2 LOOP
    SELECT array_agg(m.cid ORDER BY i.n) INTO v_contacts
    FROM unnest(p_digits) WITH ORDINALITY AS i(d, n)
    LEFT JOIN LATERAL (
      SELECT c.id AS cid FROM unnest(p_variant_of, p_variants) AS v(n, d) JOIN contacts c ON c.phone = '+' || v.d OR c.wa_id = v.d
      WHERE v.n = i.n ORDER BY (c.phone = '+' || i.d OR c.wa_id = i.d) DESC, c.created_at, c.id LIMIT 1) m ON true;
    EXIT WHEN array_position(v_contacts, NULL) IS NULL OR attempt = 2;
    INSERT INTO contacts (id, name, phone, whatsapp, wa_id, created_at)
    SELECT gen_random_uuid(), x.name, '+' || x.d, true, x.d, p_now FROM (
      SELECT DISTINCT ON (k.canon) i.d, COALESCE(NULLIF(btrim(p_names[i.n]), ''), '+' || i.d) AS name, k.canon
      FROM unnest(p_digits) WITH ORDINALITY AS i(d, n)
      CROSS JOIN LATERAL (SELECT min(v.d) AS canon FROM unnest(p_variant_of, p_variants) AS v(n, d) WHERE v.n = i.n) k
      WHERE v_contacts[i.n] IS NULL ORDER BY k.canon, i.n) x
    ORDER BY x.d ON CONFLICT DO NOTHING;
  END LOOP;
  IF array_position(v_contacts, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'no contact could be stored for message % of the batch', array_position(v_contacts, NULL);
  END IF;

  -- 2. Locks, in key order.
  PERFORM lock_contacts(v_contacts);

  -- 3. The contacts' sessions, row-locked (a session a sweeper closed meanwhile is not among them).
  PERFORM 1 FROM conversations WHERE contact_id = ANY(v_contacts) AND state <> 'closed' ORDER BY contact_id FOR UPDATE;

  -- 4. Everything else, one statement.
  WITH inp AS (
    SELECT n::int AS n, v_contacts[n] AS contact_id, p_texts[n] AS text, LEAST(COALESCE(p_at[n], p_now), p_now) AS at,
           p_provider_ids[n] AS pid, p_message_ids[n] AS mid, COALESCE(p_contents[n], '{}') AS content,
           COALESCE(p_contents[n]->>'kind', 'text') AS kind
    FROM generate_subscripts(p_digits, 1) AS n),
  acc AS (
    SELECT DISTINCT ON (pid IS NULL, COALESCE(pid, n::text)) * FROM inp
    WHERE pid IS NULL OR (SELECT 1 FROM messages m WHERE m.provider_message_id = inp.pid LIMIT 1) IS NULL
    ORDER BY pid IS NULL, COALESCE(pid, n::text), n),
  sess AS (SELECT c.id, c.contact_id, c.state FROM conversations c WHERE c.contact_id = ANY(v_contacts) AND c.state <> 'closed'),
  g AS (
    SELECT a.contact_id, COALESCE(s.id, gen_random_uuid()) AS cid, s.id IS NULL AS is_new, s.state = 'waiting' AS answers,
           COALESCE(s.state = 'bot', false) AS is_bot, min(a.at) AS first_at, max(a.at) AS last_at,
           (array_agg(a.text ORDER BY a.at DESC, a.n DESC))[1] AS last_text,
           (array_agg(a.kind ORDER BY a.at DESC, a.n DESC))[1] AS last_kind
    FROM acc a LEFT JOIN sess s ON s.contact_id = a.contact_id GROUP BY a.contact_id, s.id, s.state),
  created AS (
    INSERT INTO conversations (id, contact_id, state, window_expires_at, last_message_at, created_at, lm_text, lm_direction, lm_kind, lm_created_at, last_inbound_at)
    SELECT cid, contact_id, 'open', last_at + v_window, last_at, p_now, last_text, 'inbound', last_kind, last_at, last_at FROM g WHERE is_new
    RETURNING *),
  updated AS (
    UPDATE conversations c SET
      state = CASE WHEN g.is_bot THEN c.state ELSE 'open' END,
      window_expires_at = CASE WHEN g.is_bot THEN c.window_expires_at ELSE GREATEST(c.window_expires_at, g.last_at + v_window) END,
      auto_close_at = CASE WHEN g.is_bot THEN c.auto_close_at END,
      last_message_at = GREATEST(c.last_message_at, g.last_at),
      lm_text = CASE WHEN c.lm_created_at > g.last_at THEN c.lm_text ELSE g.last_text END,
      lm_direction = CASE WHEN c.lm_created_at > g.last_at THEN c.lm_direction ELSE 'inbound' END,
      lm_kind = CASE WHEN c.lm_created_at > g.last_at THEN c.lm_kind ELSE g.last_kind END,
      lm_created_at = GREATEST(c.lm_created_at, g.last_at),
      last_inbound_at = GREATEST(c.last_inbound_at, g.last_at)
    FROM g WHERE c.id = g.cid AND NOT g.is_new
    RETURNING c.*),
  counted AS (
    INSERT INTO interactions (id, conversation_id, agent_id, category, opened_at)
    SELECT gen_random_uuid(), g.cid, c.assignee_id, COALESCE(tc.category, 'SERVICE'), g.first_at
    FROM g LEFT JOIN conversations c ON c.id = g.cid
    LEFT JOIN LATERAL (
      SELECT t.category FROM messages m JOIN templates t ON t.name = m.template_name AND t.language = m.template_language
      WHERE g.answers AND m.conversation_id = g.cid AND m.kind = 'template' ORDER BY m.created_at DESC, m.seq DESC LIMIT 1) tc ON true
    WHERE NOT g.is_bot
      AND (SELECT 1 FROM interactions i WHERE i.conversation_id = g.cid AND i.opened_at > g.first_at - v_window LIMIT 1) IS NULL),
  -- Media WhatsApp still has to give us (fetched in the background), or a file already kept here.
  media AS (
    INSERT INTO attachments (id, type, mime_type, file_name, size, sha256, voice, state, provider_media_id, next_attempt_at, created_at)
    SELECT (m->>'id')::uuid, m->>'type', m->>'mimeType', m->>'fileName', NULL, m->>'sha256', COALESCE((m->>'voice')::boolean, false),
           'pending', m->>'providerMediaId', p_now, p_now
    FROM acc a CROSS JOIN LATERAL (SELECT a.content->'attachment' AS m) x WHERE m->>'providerMediaId' IS NOT NULL
    RETURNING *),
  kept AS (
    SELECT at.* FROM attachments at WHERE at.id IN (SELECT (a.content->'attachment'->>'id')::uuid FROM acc a WHERE a.content->'attachment'->>'providerMediaId' IS NULL)),
  stored AS (
    INSERT INTO messages (id, conversation_id, direction, kind, text, status, created_at, provider_message_id, attachment_id, content, reply_to_id)
    SELECT a.mid, g.cid, 'inbound', a.kind, a.text, 'received', a.at, a.pid, (a.content->'attachment'->>'id')::uuid,
           NULLIF(a.content - 'kind' - 'attachment' - 'replyTo', '{}'::jsonb),
           (SELECT r.id FROM messages r WHERE r.provider_message_id = a.content->>'replyTo' LIMIT 1)
    FROM acc a JOIN g ON g.contact_id = a.contact_id ORDER BY a.n
    ON CONFLICT (provider_message_id) DO NOTHING
    RETURNING *),
  now_conv AS (
    SELECT s.id, conversation_json_text(s::conversations, ct.name, ct.phone, u.name) AS j
    FROM (SELECT * FROM created UNION ALL SELECT * FROM updated) s JOIN contacts ct ON ct.id = s.contact_id LEFT JOIN users u ON u.id = s.assignee_id),
  events_in AS (
    SELECT a.n, '{"type":"message.created","conversation":' || nc.j || ',"message":' || message_json_text(st::messages, NULL,
      COALESCE((SELECT '[' || string_agg(attachment_json_text(x::attachments), ',') || ']' FROM (SELECT * FROM media UNION ALL SELECT * FROM kept) x WHERE x.id = st.attachment_id), '[]'))
      || '}' AS body
    FROM stored st JOIN acc a ON a.mid = st.id JOIN now_conv nc ON nc.id = st.conversation_id),
  ev AS (
    -- Inserted in message order, so ascending seqs pair with ascending n.
    INSERT INTO events (type, payload, created_at) SELECT 'message.created', body::json, p_now FROM events_in ORDER BY n
    RETURNING events.seq)
  SELECT array_agg(e.n ORDER BY e.n), array_agg(w.seq ORDER BY e.n), array_agg(e.body ORDER BY e.n) INTO v_n, v_seq, v_payload
  FROM (SELECT n, body, row_number() OVER (ORDER BY n) AS r FROM events_in) e
  JOIN (SELECT ev.seq, row_number() OVER (ORDER BY ev.seq) AS r FROM ev) w ON w.r = e.r;

  IF p_notify AND v_seq IS NOT NULL THEN
    PERFORM pg_notify(event_channel(), v_seq[array_length(v_seq, 1)]::text);
  END IF;
  RETURN QUERY SELECT * FROM unnest(v_n, v_seq, v_payload);
END $$;
