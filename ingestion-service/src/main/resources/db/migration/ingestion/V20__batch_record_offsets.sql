-- where each accepted record of a batch went on cdp.xdm.records.v1: GET /v1/batches/{id} counts those below
-- profile-service's committed offsets as applied (ADR 0020). Written before the batch row, in the same request.
CREATE TABLE batch_record_offsets (
    batch_id        uuid     NOT NULL,
    topic_partition integer  NOT NULL,
    offsets         bigint[] NOT NULL,
    PRIMARY KEY (batch_id, topic_partition)
);
