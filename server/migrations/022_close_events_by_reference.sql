-- The sweeper's close events by reference (issue 11). A batch the sweeper closes (up to thousands
-- of conversations reaching their deadline together) wrote each close event with the whole
-- conversation as JSON: about a third of the closing statement's time, spent while the batch's
-- rows were locked, and about 640 bytes of log per event, mostly for nobody (no client listens at
-- night). Such an event now names its conversation instead, and the conversation is put into it
-- when the event is read (server/src/repo/events.ts readEvents), with the same
-- conversation_json_text as every other conversation event. A closed conversation is never
-- reopened or reassigned (a customer writing again opens a new one), so the event read later says
-- what it said when written; only a contact's or assignee's name changed since then shows as it
-- is now, as the API shows it. Clients get the same events as before. Conversations are never deleted.
ALTER TABLE events ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE events ADD COLUMN conversation_id uuid;
ALTER TABLE events ADD CONSTRAINT events_payload_or_conversation CHECK (payload IS NOT NULL OR conversation_id IS NOT NULL);
