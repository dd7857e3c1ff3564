-- A customer's marketing choice from WhatsApp (`user_preferences` webhooks, issue 12): set when
-- they stop marketing messages from this business, cleared when they resume them.
ALTER TABLE contacts ADD COLUMN marketing_opt_out_at timestamptz;
