-- Write path (issue 11): a ticket's chat actions are its closed conversations. The timeline reads
-- each one (reason, who closed it, when, and the transcript) from the conversation row and its
-- messages, so closing copies nothing: no timeline row, no transcript JSON at close time.
-- Every chat_action row filed so far described a closed conversation linked to that same ticket
-- (it was filed through conversations.ticket_id at close), so the rows go and nothing is lost.
DELETE FROM ticket_timeline WHERE kind = 'chat_action';
