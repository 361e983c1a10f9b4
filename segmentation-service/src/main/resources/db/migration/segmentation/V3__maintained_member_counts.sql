-- The number of active members of each segment, kept by the statement that writes membership
-- (MembershipDiff.write) in the same transaction, under the segment's evaluation lock: counting them instead reads
-- every active entry after each full evaluation and for each page of members (ADR 0015). A segment without a row
-- has none.
CREATE TABLE membership_count (
    segment_id text   PRIMARY KEY,
    active     bigint NOT NULL
);

INSERT INTO membership_count (segment_id, active)
SELECT segment_id, count(*) FROM membership WHERE active GROUP BY segment_id;
