-- further instances whose records a source may carry as their own, besides source.instance_id (ADR 0023)
CREATE TABLE source_instance (
    source_id   uuid NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    instance_id text NOT NULL CHECK (instance_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*$'),
    PRIMARY KEY (source_id, instance_id)
);

-- a rejected line keeps its content for cdp.ingestion.rejected-content-retention, then only its number and errors
ALTER TABLE rejected_line ALTER COLUMN content DROP NOT NULL;
ALTER TABLE batch ADD COLUMN content_purged boolean NOT NULL DEFAULT false;
CREATE INDEX batch_content_to_purge ON batch (received_at) WHERE rejected > 0 AND NOT content_purged;
