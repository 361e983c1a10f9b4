-- No parallel scans of membership. Every evaluation reads the entries of one segment by the primary key. A
-- parallel index-only scan of them, which PostgreSQL plans as the build side of a parallel hash join, took 78 to
-- 149 ms for S6's 166,064 entries at 1M people on 2 cores, a serial one 14 ms (twelfth session,
-- docs/benchmarks.md). The rule's own scans stay parallel, below the join.
ALTER TABLE membership SET (parallel_workers = 0);
