CREATE TABLE source (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    type        text        NOT NULL CHECK (type IN ('file', 'web')),
    instance_id text        NOT NULL CHECK (instance_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*$'),
    created_at  timestamptz NOT NULL
);

CREATE TABLE batch (
    id          uuid        PRIMARY KEY,
    source_id   uuid        NOT NULL REFERENCES source (id),
    status      text        NOT NULL CHECK (status IN ('COMPLETED', 'FAILED')),
    received_at timestamptz NOT NULL,
    accepted    integer     NOT NULL,
    rejected    integer     NOT NULL,
    -- why publishing failed, for operators; never shown to API clients
    failure     text
);

CREATE INDEX batch_source_received ON batch (source_id, received_at DESC);

-- invalid lines kept with their reasons, so a sender can fix and resend exactly what failed
CREATE TABLE rejected_line (
    batch_id uuid    NOT NULL REFERENCES batch (id) ON DELETE CASCADE,
    line_no  integer NOT NULL,
    content  text    NOT NULL,
    errors   jsonb   NOT NULL,
    PRIMARY KEY (batch_id, line_no)
);
