-- Messages profile-service could not apply or could not read, kept with their reason until an operator replays them
-- (ADR 0021). One row per Kafka message: a redelivered message that fails again counts another attempt.
-- The raw value is bytes: a value PostgreSQL refuses as text (a NUL character) must still be storable here.
CREATE TABLE dead_letter (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic           text        NOT NULL,
    kafka_partition integer     NOT NULL,
    kafka_offset    bigint      NOT NULL,
    message_key     text,
    raw_value       bytea,
    reason          text        NOT NULL,
    first_failed_at timestamptz NOT NULL DEFAULT now(),
    last_failed_at  timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 1,
    status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replayed')),
    replayed_at     timestamptz,
    CONSTRAINT dead_letter_message UNIQUE (topic, kafka_partition, kafka_offset)
);
-- the list's filter and order (newest first); its total of open letters is what an operator watches
CREATE INDEX dead_letter_status_idx ON dead_letter (status, id);
