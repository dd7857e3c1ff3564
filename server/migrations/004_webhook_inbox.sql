-- Webhook inbox: every signed delivery is stored as received (raw text, deduplicated by its
-- hash) before it is acknowledged; a worker then splits it into items (one inbound message, one
-- status, one template change), each applied once (dedupe_key) and retried with backoff when
-- applying fails.
CREATE TABLE webhook_events (
  id bigserial PRIMARY KEY,
  provider text NOT NULL,
  body_sha256 text NOT NULL,
  raw text NOT NULL,
  received_at timestamptz NOT NULL,
  expanded_at timestamptz,
  UNIQUE (provider, body_sha256)
);
CREATE INDEX webhook_events_unexpanded ON webhook_events (id) WHERE expanded_at IS NULL;

CREATE TABLE webhook_items (
  id bigserial PRIMARY KEY,
  event_id bigint NOT NULL REFERENCES webhook_events(id),
  provider text NOT NULL,
  kind text NOT NULL,
  dedupe_key text NOT NULL,
  payload jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'done', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error text,
  processed_at timestamptz,
  UNIQUE (provider, dedupe_key)
);
CREATE INDEX webhook_items_due ON webhook_items (next_attempt_at, id) WHERE state = 'pending';
