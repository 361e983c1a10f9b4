-- Indexes shaped for the segment rules that read profile_read, so that their heaviest parts become
-- index-only scans (ADR 0010):
--
-- * A time-windowed event condition ("page views of /products/new in the last month") needs each event's person
--   and url: with them in the index, no row is fetched from the heap.
-- * The person-account pairs an aggregate over accounts starts from: indexes carrying exactly the view's filter
--   hold only the pairs the view shows, in person (or account) order, instead of reading the heap to filter them.
--
-- Index-only scans need the visibility map, which autovacuum keeps for tables that are mostly inserted
-- into (PostgreSQL 13 and later vacuum after inserts too).
DROP INDEX experience_event_type_ts_idx;
CREATE INDEX experience_event_type_ts_idx ON experience_event (event_type, ts) INCLUDE (person_id, url);

DROP INDEX person_account_link_person_id_idx;
CREATE INDEX person_account_link_person_id_idx ON person_account_link (person_id, account_id)
    WHERE person_id IS NOT NULL AND account_id IS NOT NULL AND is_active IS DISTINCT FROM false;

DROP INDEX person_account_link_account_id_idx;
CREATE INDEX person_account_link_account_id_idx ON person_account_link (account_id, person_id)
    WHERE person_id IS NOT NULL AND account_id IS NOT NULL AND is_active IS DISTINCT FROM false;
