-- The outbox shape every service shares (service-support's OutboxRelay reads it): a row holds one message
-- (message_key, payload), as the membership diff writes them in SQL, or the messages of one transaction for one topic,
-- in order, as OutboxWriter.appendAll writes them: message_keys, and payloads with one value a line.
-- Stored out of line uncompressed: pglz would cost more CPU than the WAL it saves, and this server has no lz4.
ALTER TABLE outbox
    ALTER COLUMN message_key DROP NOT NULL,
    ALTER COLUMN payload DROP NOT NULL,
    ADD COLUMN message_keys text[],
    ADD COLUMN payloads text,
    ADD CONSTRAINT outbox_message_or_batch CHECK (
        (payload IS NOT NULL AND message_key IS NOT NULL AND payloads IS NULL AND message_keys IS NULL)
        OR (payload IS NULL AND message_key IS NULL AND payloads IS NOT NULL AND message_keys IS NOT NULL
            AND cardinality(message_keys) > 0));
ALTER TABLE outbox ALTER COLUMN message_keys SET STORAGE EXTERNAL, ALTER COLUMN payloads SET STORAGE EXTERNAL;
