-- A segment whose evaluation failed (ADR 0022): one row while it is failing, removed by the full evaluation that
-- succeeds again, in that evaluation's transaction. While a row exists, streaming passes and time re-checks skip
-- the segment (what they would have decided, the retry's full evaluation decides); next_attempt_at is when that
-- retry is due. No foreign key to segment, like membership (V2): the deleting transaction removes the row, and
-- segment can be truncated alone.
CREATE TABLE segment_failure (
    segment_id      text PRIMARY KEY,
    trigger         text        NOT NULL,
    message         text        NOT NULL,
    failed_at       timestamptz NOT NULL,
    failing_since   timestamptz NOT NULL,
    attempts        integer     NOT NULL,
    next_attempt_at timestamptz NOT NULL
);
