CREATE TABLE segment (
    id               text PRIMARY KEY,
    name             text        NOT NULL,
    audience         text        NOT NULL CHECK (audience IN ('person', 'account')),
    query            text        NOT NULL,
    normalised_query text        NOT NULL,
    evaluation       text        NOT NULL CHECK (evaluation IN ('batch', 'streaming')),
    schedule         text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          bigint      NOT NULL
);

CREATE TABLE evaluation (
    id          text PRIMARY KEY,
    segment_id  text        NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    trigger     text        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    -- when it was requested; a queued evaluation counts for the schedule so it is not requested twice
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    members     bigint,
    entered     bigint,
    exited      bigint,
    duration_ms bigint,
    error       text
);
CREATE INDEX evaluation_segment_started ON evaluation (segment_id, started_at DESC);

-- compiled rules read this table for inSegment("id"): keep its name and columns
CREATE TABLE membership (
    segment_id text        NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    entity_id  text        NOT NULL,
    active     boolean     NOT NULL,
    since      timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (segment_id, entity_id)
);
CREATE INDEX membership_active ON membership (segment_id, entity_id) WHERE active;

CREATE TABLE membership_history (
    id            bigserial PRIMARY KEY,
    segment_id    text        NOT NULL REFERENCES segment (id) ON DELETE CASCADE,
    entity_id     text        NOT NULL,
    change        text        NOT NULL CHECK (change IN ('entered', 'exited')),
    at            timestamptz NOT NULL,
    evaluation_id text        NOT NULL
);
CREATE INDEX membership_history_entity ON membership_history (segment_id, entity_id, id);

CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
