-- connector-backed sources (ADR 0027): any SourceConnector bean's type, besides the push-only file and web
ALTER TABLE source DROP CONSTRAINT source_type_check;
ALTER TABLE source ADD CONSTRAINT source_type_check CHECK (type ~ '^[a-z][a-z0-9-]*$');
-- the non-secret configuration values, with defaults applied
ALTER TABLE source ADD COLUMN config jsonb NOT NULL DEFAULT '{}';
-- the secret values as one JSON object sealed with AES-256-GCM (cdp.ingestion.secrets-key, the source id as associated data)
ALTER TABLE source ADD COLUMN secrets bytea;
-- the names of the secrets set, shown without opening them
ALTER TABLE source ADD COLUMN secrets_set text[] NOT NULL DEFAULT '{}';
-- {"interval":"PT1H"} or {"cron":"0 0 * * * *"}; null: manual runs only
ALTER TABLE source ADD COLUMN schedule jsonb;
ALTER TABLE source ADD COLUMN paused boolean NOT NULL DEFAULT false;

-- where each stream of a source resumes: written only after the page that produced it is acknowledged by Kafka
CREATE TABLE source_cursor (
    source_id  uuid        NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    stream     text        NOT NULL,
    cursor     text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (source_id, stream)
);

CREATE TABLE source_run (
    id                uuid        PRIMARY KEY,
    source_id         uuid        NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    trigger           text        NOT NULL CHECK (trigger IN ('manual', 'schedule')),
    full_sync         boolean     NOT NULL,
    status            text        NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz,
    records_read      bigint      NOT NULL DEFAULT 0,
    records_published bigint      NOT NULL DEFAULT 0,
    records_rejected  bigint      NOT NULL DEFAULT 0,
    events_published  bigint      NOT NULL DEFAULT 0,
    api_calls         bigint      NOT NULL DEFAULT 0,
    error             text,
    -- the first rejected records' errors: [{"stream","errors":[...]}]
    rejected          jsonb       NOT NULL DEFAULT '[]',
    -- the scheduler starts no run of the source before this (a spent daily quota waits for the next UTC day)
    not_before        timestamptz
);

CREATE INDEX source_run_source_started ON source_run (source_id, started_at DESC);
CREATE INDEX source_run_running ON source_run (source_id) WHERE status = 'running';

-- one run at a time per source across every instance: taken when free or expired, renewed while the run lives
CREATE TABLE source_lease (
    source_id  uuid        PRIMARY KEY REFERENCES source (id) ON DELETE CASCADE,
    run_id     uuid,
    expires_at timestamptz NOT NULL
);

-- API calls a rate-limit key spent per UTC day, counted by every instance and across restarts
CREATE TABLE connector_quota (
    rate_key text   NOT NULL,
    day      date   NOT NULL,
    calls    bigint NOT NULL,
    PRIMARY KEY (rate_key, day)
);
