-- Membership and its history are written a row per entity that enters or exits: 800,000 rows when a broad
-- segment is first evaluated, which took most of a minute. Measured on 800,000 rows (docs/benchmarks.md):
--
-- 1. A foreign key checks each row against segment (one trigger call per row): about half of the write time
--    of both tables. A segment's rows are removed by the transaction deleting it instead (MembershipDiff.forget),
--    under the segment's evaluation lock, which every evaluation takes before reading the segment it writes
--    for: no evaluation can write for a segment that is gone.
ALTER TABLE membership DROP CONSTRAINT membership_segment_id_fkey;
ALTER TABLE membership_history DROP CONSTRAINT membership_history_segment_id_fkey;

-- 2. A second index (segment_id, entity_id) WHERE active doubled the index writes of every entry. The primary
--    key carries active instead, so reads of the active members stay index-only.
ALTER TABLE membership DROP CONSTRAINT membership_pkey;
ALTER TABLE membership ADD CONSTRAINT membership_pkey PRIMARY KEY (segment_id, entity_id) INCLUDE (active);
DROP INDEX membership_active;
