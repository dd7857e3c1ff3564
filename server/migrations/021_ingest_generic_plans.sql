-- The ingest function's statements keep one generic plan each (issue 11). PostgreSQL plans a
-- function's statement for its values the first five calls, then keeps a generic plan only when it
-- looks no dearer; for statements over arrays whose sizes it cannot see, it kept planning some of
-- them again on every call, which cost a quarter of a small batch (measured: 1.13 ms of database
-- time for a batch of one, 0.85 ms with generic plans; a batch of 16 no dearer). The function's own
-- settings (no hash or merge joins, no sequential scans, migration 017) already choose the index
-- lookups a generic plan would.
ALTER FUNCTION ingest_customer_messages(text[], int[], text[], text[], text[], timestamptz[], text[], uuid[], jsonb[], timestamptz, bigint, boolean)
  SET plan_cache_mode = force_generic_plan;

-- lock_contacts (migration 008), called by every ingest and every locking write: a SQL function a
-- statement cannot inline (it returns nothing) has its body parsed and planned again on each call;
-- the same body in PL/pgSQL is planned once per connection.
CREATE OR REPLACE FUNCTION lock_contacts(p_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$ BEGIN
  PERFORM pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended('contact:' || id::text, 0) AS k FROM unnest(p_ids) AS id ORDER BY 1) keys;
END $$;
