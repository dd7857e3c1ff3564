-- Customer messages in, one update of each conversation instead of two (issue 11): the ingest
-- function also keeps last_inbound_at (every message it stores is inbound), and the messages
-- trigger, which keeps the preview and last_inbound_at for every other writer, does nothing for
-- the messages the function stores (its SET clause marks them). Otherwise as migration 009.
CREATE OR REPLACE FUNCTION conversations_last_message() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
  IF current_setting('zapdesk.keeps_preview', true) = 'on' THEN RETURN NULL; END IF;
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

CREATE OR REPLACE FUNCTION ingest_customer_messages(
  p_digits text[], p_variant_of int[], p_variants text[], p_names text[], p_texts text[], p_at timestamptz[],
  p_provider_ids text[], p_message_ids uuid[], p_contents jsonb[], p_now timestamptz, p_window_ms bigint, p_notify boolean
) RETURNS TABLE (out_n int, out_seq bigint, out_payload jsonb) LANGUAGE plpgsql
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
  v_payload jsonb[];
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
    SELECT s.id, conversation_json(s::conversations, ct.name, ct.phone, u.name) AS j
    FROM (SELECT * FROM created UNION ALL SELECT * FROM updated) s JOIN contacts ct ON ct.id = s.contact_id LEFT JOIN users u ON u.id = s.assignee_id),
  events_in AS (
    SELECT a.n, jsonb_build_object('type', 'message.created', 'conversation', nc.j, 'message', message_json(st::messages, NULL,
      COALESCE((SELECT jsonb_agg(attachment_json(x::attachments)) FROM (SELECT * FROM media UNION ALL SELECT * FROM kept) x WHERE x.id = st.attachment_id), '[]'))) AS body
    FROM stored st JOIN acc a ON a.mid = st.id JOIN now_conv nc ON nc.id = st.conversation_id),
  ev AS (
    -- Inserted in message order, so ascending seqs pair with ascending n.
    INSERT INTO events (type, payload, created_at) SELECT 'message.created', body, p_now FROM events_in ORDER BY n
    RETURNING events.seq, events.payload)
  SELECT array_agg(e.n ORDER BY e.n), array_agg(w.seq ORDER BY e.n), array_agg(w.payload ORDER BY e.n) INTO v_n, v_seq, v_payload
  FROM (SELECT n, row_number() OVER (ORDER BY n) AS r FROM events_in) e
  JOIN (SELECT ev.seq, ev.payload, row_number() OVER (ORDER BY ev.seq) AS r FROM ev) w ON w.r = e.r;

  IF p_notify AND v_seq IS NOT NULL THEN
    PERFORM pg_notify(event_channel(), v_seq[array_length(v_seq, 1)]::text);
  END IF;
  RETURN QUERY SELECT * FROM unnest(v_n, v_seq, v_payload);
END $$;
