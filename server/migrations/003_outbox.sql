-- Durable outbox for providers that send over the network (Meta): the row is written in the
-- same transaction as the outbound message, then claimed with FOR UPDATE SKIP LOCKED, sent, and
-- retried with backoff. A claim is a lease: a server that dies mid-send leaves the row 'sending'
-- until the lease runs out, and the next attempt first looks for proof that the send went out.
CREATE TABLE outbox (
  message_id uuid PRIMARY KEY REFERENCES messages(id),
  payload jsonb NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'sending', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbox_leased ON outbox (lease_until) WHERE state = 'sending';
CREATE INDEX templates_provider_id ON templates (provider_id);
