-- Room on each page for the updates the write path makes to rows written shortly before (issue
-- 11). An updated row's new version stays on its page when there is room there and no indexed
-- column changes (a HOT update): no index gets a new entry. Rows written together in a burst (a
-- template campaign to thousands of contacts, a busy hour of customer messages) are updated
-- together soon after, and on pages filled to the brim every one of those updates adds an entry to
-- every index of the table. New pages are filled to the fillfactor; pages written before keep what
-- they hold.

-- 1. A message is updated by each of its delivery reports (sent, delivered, read: up to three
--    times within minutes of being written); its status is in no index.
ALTER TABLE messages SET (fillfactor = 80);

-- 2. A ticket is touched (updated_at, in no index) when the sweeper closes its conversation, and
--    the sweeper closes thousands at once when a campaign's conversations reach their deadline
--    together. A ticket row is small and tickets are few next to messages: half of each page is
--    kept for those new versions (migration 015 kept a fifth).
ALTER TABLE tickets SET (fillfactor = 50);
