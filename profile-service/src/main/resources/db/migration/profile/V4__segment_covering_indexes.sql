-- Indexes shaped for the segment rules that read profile_read, so that their heaviest parts become
-- index-only scans (measured on the 1M-people benchmark organisation, docs/benchmarks.md):
--
-- * A time-windowed event condition ("page views of /products/new in the last month") scanned the type and
--   time range of the index and fetched every row from the heap for its url and person: 5.6 s for the
--   month's 2.75M page views. With person_id and url in the index: 2.2 s, no heap fetches.
-- * The person-account pairs an aggregate over accounts starts from were read from the heap (785 MB for 2M
--   links) to apply the view's filter. Indexes carrying exactly the view's filter hold only the pairs the
--   view shows, in person (or account) order: the aggregate part of the seed rule went from 7.0 s to 4.1 s.
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
