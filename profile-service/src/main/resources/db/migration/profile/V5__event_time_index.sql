-- Events by time alone. Segmentation's time re-check asks, every 30 seconds, which people own an event that
-- crossed a rule's window since the previous re-check ("timestamp in last 7 days": the events stamped in the
-- 30 seconds that just left those 7 days). That is a narrow range of ts whatever the event type, which the
-- (event_type, ts) index cannot serve without scanning every type's entries. A B-tree rather than BRIN: events
-- arrive roughly in time order from live sources, but backfills and bulk imports do not.
CREATE INDEX experience_event_ts_idx ON experience_event (ts) INCLUDE (person_id);
