-- Consumption: every opened 24-hour window is one billable interaction (Zenvia's "InteractionZ"),
-- one unit per 24 hours from its opening. Recorded when a customer message opens a window (or
-- keeps one open more than 24 hours after the last unit), with the agent of the conversation and
-- the pricing category: the template's when the customer answered one, SERVICE otherwise.
CREATE TABLE interactions (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  agent_id uuid REFERENCES users(id),
  category text NOT NULL CHECK (category IN ('MARKETING', 'UTILITY', 'AUTHENTICATION', 'SERVICE')),
  opened_at timestamptz NOT NULL
);
CREATE INDEX interactions_opened ON interactions (opened_at);
CREATE INDEX interactions_conversation ON interactions (conversation_id, opened_at);
