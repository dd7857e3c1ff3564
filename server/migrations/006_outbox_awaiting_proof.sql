-- A send that may have reached WhatsApp without an answer (connection cut after the request, or
-- a server that died mid-send) is never sent again: the row waits for a status webhook to prove
-- it went out, and without proof the message ends "unconfirmed" for the agent to check.
ALTER TABLE outbox ADD COLUMN awaiting_proof boolean NOT NULL DEFAULT false;
