-- What templates cost (issue 20). Self-contained: only tables of 001 are referenced.
-- Rate cards as Meta publishes them, one per effectiveFrom: the one in force on a day is the
-- latest that starts on or before it. Markets are a JSON document (market, countries, prices).
CREATE TABLE rate_cards (
  effective_from date PRIMARY KEY,
  currency text NOT NULL,
  name text,
  markets jsonb NOT NULL,
  loaded_by uuid REFERENCES users(id),
  loaded_at timestamptz NOT NULL
);

-- The price of each outbound template: the quote at send time (source 'quote'), replaced by what
-- the provider reports (Meta's status `pricing`: source 'provider').
CREATE TABLE message_prices (
  message_id uuid PRIMARY KEY REFERENCES messages(id),
  pricing_type text NOT NULL CHECK (pricing_type IN ('regular', 'free_customer_service', 'free_entry_point')),
  category text NOT NULL,
  billable boolean NOT NULL,
  country text,
  market text,
  currency text,
  amount numeric(14, 6),
  source text NOT NULL CHECK (source IN ('quote', 'provider')),
  priced_at timestamptz NOT NULL
);

-- A customer who wrote from a free entry point (a Click-to-WhatsApp ad or a Page button).
CREATE TABLE entry_points (
  message_id uuid PRIMARY KEY REFERENCES messages(id),
  contact_id uuid NOT NULL REFERENCES contacts(id),
  referred_at timestamptz NOT NULL
);
CREATE INDEX entry_points_contact ON entry_points (contact_id, referred_at);

-- Monthly budgets per template category, and the alerts sent: the primary key makes "once per
-- month and threshold" a fact of the database, whichever server instance gets there first.
CREATE TABLE budgets (
  category text PRIMARY KEY CHECK (category IN ('MARKETING', 'UTILITY', 'AUTHENTICATION')),
  amount numeric(14, 6) NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE budget_alerts (
  category text NOT NULL,
  month text NOT NULL,
  threshold integer NOT NULL,
  alerted_at timestamptz NOT NULL,
  PRIMARY KEY (category, month, threshold)
);
