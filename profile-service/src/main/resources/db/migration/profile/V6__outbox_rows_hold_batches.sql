-- An outbox row holds one message (message_key, payload) or the messages of one transaction for one topic, in order:
-- message_keys, and payloads with one value a line (compact JSON holds no line break). OutboxWriter.appendAll writes
-- one row where it wrote one per message. A profile batch announces 1,000 to 2,000 changes, and a row each made the
-- outbox the largest writer of WAL: three row writes a message (insert, the relay's lock, delete).
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
