-- No parallel scans of membership: every evaluation reads one segment's entries by the primary key, and a parallel
-- index-only scan of them, planned as the build side of a parallel hash join, is several times slower than a serial
-- one on two cores (ADR 0015). The rule's own scans stay parallel, below the join.
ALTER TABLE membership SET (parallel_workers = 0);
