-- Where audiences go. config holds the settings that may be shown; secret the AES-GCM sealed secrets
-- (12-byte nonce then ciphertext and tag, the destination id as associated data), never shown (ADR 0026).
CREATE TABLE destination (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL,
    type       text        NOT NULL,
    config     jsonb       NOT NULL,
    secret     bytea       NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- A segment followed into one list or audience of a destination.
-- status: starting (list and backfill to do), active, clearing (stopping, removing what it sent), stopped.
CREATE TABLE activation (
    id             uuid PRIMARY KEY,
    segment_id     text        NOT NULL,
    -- the segment's audience: person (a list or USER segment) or account (a COMPANY segment)
    audience       text        NOT NULL DEFAULT 'person',
    destination_id uuid        NOT NULL REFERENCES destination (id),
    list_name      text        NOT NULL,
    list_id        text,
    status         text        NOT NULL,
    last_error     text,
    -- POST /v1/activations/{id}/reconcile asked the worker to compare the destination with the ledger
    reconcile_requested boolean NOT NULL DEFAULT false,
    -- the delivery worker retries after a failed run no sooner than this; failures counts consecutive ones
    retry_at       timestamptz,
    failures       int         NOT NULL DEFAULT 0,
    -- which worker holds the activation until when, so two instances never deliver one activation at once
    lease_owner    text,
    lease_until    timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX activation_segment_idx ON activation (segment_id) WHERE status <> 'stopped';

-- The delivery ledger: per activation and person (or account), what the audience wants (wanted, as of changed_at, the
-- newest membership change applied) and what the destination holds (in_destination, under lead_id).
-- status: pending (to deliver), delivered, removed, held (governance), failed (record-level, with reason).
CREATE TABLE ledger (
    activation_id  uuid        NOT NULL REFERENCES activation (id) ON DELETE CASCADE,
    person_id      text        NOT NULL,
    wanted         boolean     NOT NULL,
    changed_at     timestamptz NOT NULL,
    in_destination boolean     NOT NULL DEFAULT false,
    -- what the destination holds for them: a Marketo lead id, a SHA-256 email hash, a LinkedIn company's JSON
    lead_id        text,
    status         text        NOT NULL,
    reason         text,
    updated_at     timestamptz NOT NULL,
    PRIMARY KEY (activation_id, person_id)
);
CREATE INDEX ledger_pending_idx ON ledger (activation_id, person_id) WHERE status = 'pending';

-- One row per delivery run, with its counts and timings.
CREATE TABLE delivery (
    id            bigserial PRIMARY KEY,
    activation_id uuid        NOT NULL REFERENCES activation (id) ON DELETE CASCADE,
    kind          text        NOT NULL,
    started_at    timestamptz NOT NULL,
    finished_at   timestamptz,
    added         int         NOT NULL DEFAULT 0,
    removed       int         NOT NULL DEFAULT 0,
    failed        int         NOT NULL DEFAULT 0,
    held          int         NOT NULL DEFAULT 0,
    calls         int         NOT NULL DEFAULT 0,
    error         text
);
CREATE INDEX delivery_activation_idx ON delivery (activation_id, id DESC);
