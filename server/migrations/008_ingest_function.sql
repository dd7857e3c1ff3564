-- Customer messages in, as ONE statement per batch (issue 11): the whole path runs inside the
-- database, so a batch costs one round trip instead of seven. server/src/repo/customer-messages.ts
-- calls it; shared/api/schemas.ts (Conversation, Message) is the shape the JSON below must have,
-- and server/test/conversation-json.test.ts keeps it equal to what the TypeScript reads give.

-- ISO 8601 in UTC with milliseconds, as JavaScript's Date.toISOString() writes it.
CREATE FUNCTION iso_ms(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- A NOTIFY channel of this schema: deployments (and test schemas) sharing a PostgreSQL never hear each other.
CREATE FUNCTION schema_channel(base text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT base || '.' || current_schema()
$$;

-- The event log's channel.
CREATE FUNCTION event_channel() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT schema_channel('zapdesk_events')
$$;

-- Serializes everything that starts, changes or closes these contacts' sessions, on every server
-- instance, until the transaction ends: one advisory lock per contact, taken in key order so two
-- transactions locking overlapping sets never wait on each other crosswise.
CREATE FUNCTION lock_contacts(p_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended('contact:' || id::text, 0) AS k FROM unnest(p_ids) AS id ORDER BY 1) keys
$$;

-- A conversation as the API gives it (shared/api/schemas.ts Conversation).
CREATE FUNCTION conversation_json(c conversations, contact_name text, contact_phone text, assignee_name text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', c.id, 'contactId', c.contact_id, 'ticketId', c.ticket_id, 'channel', 'whatsapp', 'state', c.state,
    'assigneeId', c.assignee_id, 'windowExpiresAt', iso_ms(c.window_expires_at), 'autoCloseAt', iso_ms(c.auto_close_at),
    'closedReason', c.closed_reason, 'closedAt', iso_ms(c.closed_at), 'lastMessageAt', iso_ms(c.last_message_at),
    'createdAt', iso_ms(c.created_at),
    'contact', jsonb_build_object('id', c.contact_id, 'name', contact_name, 'phone', contact_phone),
    'assignee', CASE WHEN c.assignee_id IS NULL THEN NULL ELSE jsonb_build_object('id', c.assignee_id, 'name', COALESCE(assignee_name, '')) END,
    'lastMessage', CASE WHEN c.lm_text IS NOT NULL AND c.lm_direction IS NOT NULL AND c.lm_kind IS NOT NULL AND c.lm_created_at IS NOT NULL
      THEN jsonb_build_object('text', c.lm_text, 'direction', c.lm_direction, 'kind', c.lm_kind, 'createdAt', iso_ms(c.lm_created_at)) END)
$$;

-- Applies a batch of customer messages, in the caller's transaction or as its own statement.
-- Inputs are parallel arrays, one entry per message (1-based n); p_variant_of/p_variants list
-- every form under which message n's number may be stored (server/src/domain/phone.ts), its own
-- form first. Texts and names arrive already storable (no NUL). Rules:
--  * the contact is the one stored under the number's own form, else under another form, oldest
--    first; a number nobody has becomes a contact (race-free: ON CONFLICT, in number order);
--  * every contact of the batch is locked (lock_contacts, as template sends and closes do), so
--    whatever else starts, changes or closes its sessions, on any instance, waits for commit;
--  * a message whose provider id is stored already, or repeated in the batch, is left out;
--  * the contact's session (at most one not closed) takes the message: a bot keeps its
--    conversation (only the activity time moves); any other session becomes open with its window
--    24 h after the latest message and no auto-close; with no session a new open one starts; a
--    message reported late never shortens a window or moves the activity time or preview back;
--  * a billable interaction is counted when none opened in the 24 h before the batch's first
--    message of that session, priced by the answered template's category, else SERVICE;
--  * each stored message gets its message.created event (NOTIFY at commit when p_notify).
-- Returns, per stored message, its index, event seq and event payload {type, conversation, message}.
CREATE FUNCTION ingest_customer_messages(
  p_digits text[], p_variant_of int[], p_variants text[], p_names text[], p_texts text[], p_at timestamptz[],
  p_provider_ids text[], p_message_ids uuid[], p_now timestamptz, p_window_ms bigint, p_notify boolean
) RETURNS TABLE (out_n int, out_seq bigint, out_payload jsonb) LANGUAGE plpgsql
-- A batch is small (at most a few hundred rows) against large tables: index lookups row by row are
-- right, and the planner, which cannot see the arrays' sizes, would otherwise hash whole tables.
-- (And no JIT: compiling the plan would cost more than running it.)
SET enable_hashjoin = off SET enable_mergejoin = off SET enable_seqscan = off SET jit = off
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
           p_provider_ids[n] AS pid, p_message_ids[n] AS mid
    FROM generate_subscripts(p_digits, 1) AS n),
  acc AS (
    SELECT DISTINCT ON (pid IS NULL, COALESCE(pid, n::text)) * FROM inp
    WHERE pid IS NULL OR (SELECT 1 FROM messages m WHERE m.provider_message_id = inp.pid LIMIT 1) IS NULL
    ORDER BY pid IS NULL, COALESCE(pid, n::text), n),
  sess AS (SELECT c.id, c.contact_id, c.state FROM conversations c WHERE c.contact_id = ANY(v_contacts) AND c.state <> 'closed'),
  g AS (
    SELECT a.contact_id, COALESCE(s.id, gen_random_uuid()) AS cid, s.id IS NULL AS is_new, s.state = 'waiting' AS answers,
           COALESCE(s.state = 'bot', false) AS is_bot, min(a.at) AS first_at, max(a.at) AS last_at,
           (array_agg(a.text ORDER BY a.at DESC, a.n DESC))[1] AS last_text
    FROM acc a LEFT JOIN sess s ON s.contact_id = a.contact_id GROUP BY a.contact_id, s.id, s.state),
  created AS (
    INSERT INTO conversations (id, contact_id, state, window_expires_at, last_message_at, created_at, lm_text, lm_direction, lm_kind, lm_created_at)
    SELECT cid, contact_id, 'open', last_at + v_window, last_at, p_now, last_text, 'inbound', 'text', last_at FROM g WHERE is_new
    RETURNING *),
  updated AS (
    UPDATE conversations c SET
      state = CASE WHEN g.is_bot THEN c.state ELSE 'open' END,
      window_expires_at = CASE WHEN g.is_bot THEN c.window_expires_at ELSE GREATEST(c.window_expires_at, g.last_at + v_window) END,
      auto_close_at = CASE WHEN g.is_bot THEN c.auto_close_at END,
      last_message_at = GREATEST(c.last_message_at, g.last_at),
      lm_text = CASE WHEN c.lm_created_at > g.last_at THEN c.lm_text ELSE g.last_text END,
      lm_direction = CASE WHEN c.lm_created_at > g.last_at THEN c.lm_direction ELSE 'inbound' END,
      lm_kind = CASE WHEN c.lm_created_at > g.last_at THEN c.lm_kind ELSE 'text' END,
      lm_created_at = GREATEST(c.lm_created_at, g.last_at)
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
  stored AS (
    INSERT INTO messages (id, conversation_id, direction, kind, text, status, created_at, provider_message_id)
    SELECT a.mid, g.cid, 'inbound', 'text', a.text, 'received', a.at, a.pid FROM acc a JOIN g ON g.contact_id = a.contact_id ORDER BY a.n
    ON CONFLICT (provider_message_id) DO NOTHING
    RETURNING id, conversation_id, text, created_at),
  now_conv AS (
    SELECT s.id, conversation_json(s::conversations, ct.name, ct.phone, u.name) AS j
    FROM (SELECT * FROM created UNION ALL SELECT * FROM updated) s JOIN contacts ct ON ct.id = s.contact_id LEFT JOIN users u ON u.id = s.assignee_id),
  events_in AS (
    SELECT a.n, jsonb_build_object('type', 'message.created', 'conversation', nc.j, 'message', jsonb_build_object(
      'id', st.id, 'conversationId', st.conversation_id, 'direction', 'inbound', 'kind', 'text', 'template', NULL, 'text', st.text,
      'status', 'received', 'error', NULL, 'author', NULL, 'createdAt', iso_ms(st.created_at))) AS body
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
