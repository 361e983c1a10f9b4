-- API keys shared by every service: each service migrates this schema at start and reads it without a
-- network hop (docs/adr/0019). Only a SHA-256 hash of each key is kept.
CREATE TABLE api_key (
    id          uuid PRIMARY KEY,
    name        text        NOT NULL,
    key_hash    bytea       NOT NULL UNIQUE,
    key_prefix  text        NOT NULL,
    scopes      text[]      NOT NULL,
    source_ids  uuid[]      NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
